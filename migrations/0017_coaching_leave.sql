-- A coach who leaves loses access the same moment, whichever way they leave (issue 4): removed from the
-- engagement (the service), removed from the company's record, their coach membership removed, or their
-- account disabled. The last three end the engagement assignments here, so that the engagement's coach list,
-- the caseload and the reminder mails agree with the access checks.

CREATE FUNCTION coaching_end_assignments_company() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE engagement_coaches ec SET removed_at = now()
   WHERE ec.user_id = OLD.user_id AND ec.removed_at IS NULL
     AND ec.engagement_id IN (SELECT e.id FROM engagements e WHERE e.company_id = OLD.company_id);
  RETURN OLD;
END $$;
CREATE TRIGGER company_coaches_end_assignments AFTER DELETE ON company_coaches
  FOR EACH ROW EXECUTE FUNCTION coaching_end_assignments_company();

CREATE FUNCTION coaching_end_assignments_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.role = 'coach' THEN
    UPDATE engagement_coaches SET removed_at = now()
     WHERE user_id = OLD.user_id AND organisation_id = OLD.organisation_id AND removed_at IS NULL;
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER memberships_end_coach_assignments AFTER DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION coaching_end_assignments_membership();

CREATE FUNCTION coaching_end_assignments_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE engagement_coaches SET removed_at = now() WHERE user_id = NEW.id AND removed_at IS NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER users_disabled_end_coach_assignments AFTER UPDATE OF disabled_at ON users
  FOR EACH ROW WHEN (NEW.disabled_at IS NOT NULL AND OLD.disabled_at IS NULL)
  EXECUTE FUNCTION coaching_end_assignments_user();
