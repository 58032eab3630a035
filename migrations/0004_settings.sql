-- Installation-wide settings, e.g. the generated cookie-signing secret shared by every app process.
CREATE TABLE app_settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
