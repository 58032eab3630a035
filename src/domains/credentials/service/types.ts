// The input of issuing: what a completed course earns and for whom (exported through index.ts).
/** What a completed course earns: the achievement of an OpenBadgeCredential. */
export interface AchievementInput {
  /** A stable key of the achievement (e.g. `elearning:<course id>` or `training:<course id>`). */
  key: string;
  name: string;
  description: string;
  /** Markdown narrative of what it takes. */
  criteria: string;
  /** JobTech competence concepts (alignments). */
  competences: Array<{ conceptId: string; label: string }>;
  hours: number;
  /** SUN 2020 level, if any. */
  level: { code: string; label: string } | null;
  language: string;
}

export interface IssueInput {
  /** The issuing organisation (the course's provider). */
  organisationId: string;
  /** The learner's account. */
  userId: string;
  achievement: AchievementInput;
  /** Where it came from: one credential per source (issuing again returns the same one). */
  source: { kind: 'elearning' | 'training'; id: string };
  issuedAt?: Date;
}
