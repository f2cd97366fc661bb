CREATE TABLE broken_thing (
    id BIGINT PRIMARY KEY,
    weight NOT_A_TYPE
);
