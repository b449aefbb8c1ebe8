-- Saga states of the create-order coordinator: the whole state as JSON, with the columns
-- the coordinator queries (status, deadline) and `version` for optimistic concurrency.
CREATE TABLE cosec.sagas (
    id           text        PRIMARY KEY CHECK (char_length(id) BETWEEN 1 AND 64),
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 128),
    status       text        NOT NULL CHECK (status IN ('running', 'completed', 'compensated', 'failed')),
    step         int         NOT NULL,
    compensating boolean     NOT NULL,
    deadline     timestamptz NULL,
    state        jsonb       NOT NULL,
    version      int         NOT NULL,
    started_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);
CREATE INDEX sagas_due_idx ON cosec.sagas (deadline)
    WHERE status = 'running' AND deadline IS NOT NULL;
