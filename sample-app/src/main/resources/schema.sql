-- A bookshop: authors write books, books are sold. Loaded into the embedded H2 database at start-up
-- (spring.sql.init runs schema.sql, then data.sql, for embedded databases).
CREATE TABLE author (
    id      BIGINT PRIMARY KEY,
    name    VARCHAR(100) NOT NULL,
    country CHAR(2)      NOT NULL
);

CREATE TABLE book (
    id        BIGINT PRIMARY KEY,
    title     VARCHAR(200)  NOT NULL,
    author_id BIGINT        NOT NULL,
    genre     VARCHAR(30)   NOT NULL,
    price     DECIMAL(8, 2) NOT NULL
);

CREATE TABLE sale (
    id         BIGINT PRIMARY KEY,
    book_id    BIGINT        NOT NULL REFERENCES book (id),
    quantity   INT           NOT NULL,
    unit_price DECIMAL(8, 2) NOT NULL,
    sold_on    DATE          NOT NULL
);
