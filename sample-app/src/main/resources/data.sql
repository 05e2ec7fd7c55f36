-- Generated, deterministic data: 2,000 authors, 20,000 books and 500,000 sales over 2021-2025, enough that the
-- sales report (an aggregate over every sale, joined to books and authors) takes a noticeable time.
-- h is a multiplicative hash of the row number (Knuth's), so the values look random but are the same on every run.

INSERT INTO author (id, name, country)
SELECT x,
       ARRAY['Ada', 'Chinua', 'Haruki', 'Isabel', 'Jorge', 'Leila', 'Mikhail', 'Octavia', 'Salman', 'Toni'][MOD(x, 10) + 1]
           || ' ' || SUBSTRING('ABCDEFGHIJKLMNOPQRSTUVWXYZ', MOD(x / 10, 26) + 1, 1) || '. '
           || ARRAY['Adeyemi', 'Baxter', 'Castillo', 'Dubois', 'Eriksen', 'Fujita', 'Gallo', 'Hughes', 'Ivanova', 'Jensen',
                    'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quinn', 'Rossi', 'Silva',
                    'Tanaka'][MOD(x / 260, 20) + 1],
       SUBSTRING('GBUSFRDEJPBRINNG', MOD(x, 8) * 2 + 1, 2)
FROM SYSTEM_RANGE(1, 2000);

INSERT INTO book (id, title, author_id, genre, price)
SELECT x,
       'The ' || ARRAY['Silent', 'Crimson', 'Hidden', 'Last', 'Paper', 'Winter', 'Glass', 'Distant'][MOD(h / 7, 8) + 1]
           || ' ' || ARRAY['Garden', 'River', 'Clock', 'Empire', 'Letter', 'Harbour', 'Forest', 'Machine', 'Orchard',
                           'Station'][MOD(h / 131, 10) + 1],
       MOD(h / 65536, 2000) + 1,
       ARRAY['fantasy', 'science-fiction', 'mystery', 'romance', 'history', 'biography', 'poetry', 'travel'][MOD(h / 1024, 8) + 1],
       CAST(4.99 + MOD(h / 16, 26) AS DECIMAL(8, 2))
FROM (SELECT x, MOD(x * 2654435761, 4294967296) AS h FROM SYSTEM_RANGE(1, 20000));

INSERT INTO sale (id, book_id, quantity, unit_price, sold_on)
SELECT s.x, b.id, 1 + MOD(s.h / 4096, 3), b.price, DATEADD(DAY, MOD(s.h / 8, 1826), DATE '2021-01-01')
FROM (SELECT x, MOD(x * 2654435761, 4294967296) AS h FROM SYSTEM_RANGE(1, 500000)) s
JOIN book b ON b.id = MOD(s.h / 65536, 20000) + 1;

ALTER TABLE book ADD FOREIGN KEY (author_id) REFERENCES author (id);
