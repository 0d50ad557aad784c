-- What the database administrator does for the CDC connector (README, "Change data capture: the database"),
-- run with psql variables user, password and db.
CREATE ROLE :"user" WITH LOGIN REPLICATION PASSWORD :'password';
GRANT fsm_app TO :"user";
GRANT CREATE ON DATABASE :"db" TO :"user";
GRANT USAGE ON SCHEMA app TO :"user";
GRANT SELECT ON app.tasks, app.projects, app.organizations TO :"user";
