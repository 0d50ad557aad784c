-- The application's tables the CDC connector captures (app.tasks, app.projects, app.organizations), plus one it
-- does not, owned by the application's role as in production. Ids are text UUIDs, as TaskEvent carries them.
CREATE ROLE fsm_app NOLOGIN;
CREATE SCHEMA app AUTHORIZATION fsm_app;
SET ROLE fsm_app;

CREATE TABLE app.organizations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL,
    plan        text NOT NULL DEFAULT 'standard',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app.projects (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id  uuid NOT NULL REFERENCES app.organizations (id),
    name             text NOT NULL,
    archived         boolean NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE app.tasks (
    id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    project_id       uuid NOT NULL REFERENCES app.projects (id),
    organization_id  uuid NOT NULL REFERENCES app.organizations (id),
    title            text NOT NULL,
    description      text,
    status           text NOT NULL DEFAULT 'todo',
    assigned_to      uuid,
    estimated_hours  numeric(6, 2),
    due_date         date,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Not captured: its changes must reach no topic.
CREATE TABLE app.task_comments (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    task_id     uuid NOT NULL REFERENCES app.tasks (id),
    body        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Rows present before the connector starts, which reach Kafka through its initial snapshot.
INSERT INTO app.organizations (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'Seed organization');
INSERT INTO app.projects (id, organization_id, name) VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Seed project');
INSERT INTO app.tasks (id, project_id, organization_id, title, estimated_hours) VALUES
    ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Seed task', 12.50);
RESET ROLE;
