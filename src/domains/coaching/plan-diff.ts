// The content of a plan as frozen at adoption (plan_versions.content) and the differences between two
// contents: goals and actions added, removed and changed (field by field). Pure.

export interface PlanContentGoal {
  id: string;
  title: string;
  measure: string;
}

export interface PlanContentNeed {
  mappingId: string;
  position: number;
  /** Competence and role as shown when frozen. */
  label: string;
}

export interface PlanContentAction {
  id: string;
  title: string;
  kind: string;
  goalId: string | null;
  goalTitle: string | null;
  ownerName: string | null;
  dueOn: string | null;
  costSek: number | null;
  hours: number | null;
  status: string;
  needs: PlanContentNeed[];
  courses: { courseId: string; courseTitle: string }[];
}

export interface PlanContent {
  companyName: string;
  summary: string;
  goals: PlanContentGoal[];
  actions: PlanContentAction[];
}

export type ActionField =
  | 'title'
  | 'kind'
  | 'goal'
  | 'ownerName'
  | 'dueOn'
  | 'costSek'
  | 'hours'
  | 'status'
  | 'needs'
  | 'courses';
export type GoalField = 'title' | 'measure';

export interface FieldChange<F extends string> {
  field: F;
  from: string;
  to: string;
}

export interface PlanDiff {
  summary: FieldChange<'summary'> | null;
  goals: {
    added: PlanContentGoal[];
    removed: PlanContentGoal[];
    changed: { id: string; title: string; changes: FieldChange<GoalField>[] }[];
  };
  actions: {
    added: PlanContentAction[];
    removed: PlanContentAction[];
    changed: { id: string; title: string; changes: FieldChange<ActionField>[] }[];
  };
  /** Nothing differs. */
  same: boolean;
}

const str = (v: string | number | null): string => (v === null ? '' : String(v));

function actionValues(a: PlanContentAction): Record<ActionField, string> {
  return {
    title: a.title,
    kind: a.kind,
    goal: a.goalTitle ?? '',
    ownerName: str(a.ownerName),
    dueOn: str(a.dueOn),
    costSek: str(a.costSek),
    hours: str(a.hours),
    status: a.status,
    needs: a.needs.map((n) => n.label).join('; '),
    courses: a.courses.map((c) => c.courseTitle).join('; '),
  };
}

function changesOf<F extends string>(from: Record<F, string>, to: Record<F, string>): FieldChange<F>[] {
  return (Object.keys(from) as F[])
    .filter((k) => from[k] !== to[k])
    .map((field) => ({ field, from: from[field], to: to[field] }));
}

function diffById<T extends { id: string; title: string }, F extends string>(
  from: T[],
  to: T[],
  values: (x: T) => Record<F, string>,
) {
  const before = new Map(from.map((x) => [x.id, x]));
  const after = new Map(to.map((x) => [x.id, x]));
  const changed: { id: string; title: string; changes: FieldChange<F>[] }[] = [];
  for (const x of to) {
    const old = before.get(x.id);
    if (!old) continue;
    const changes = changesOf(values(old), values(x));
    if (changes.length) changed.push({ id: x.id, title: x.title, changes });
  }
  return {
    added: to.filter((x) => !before.has(x.id)),
    removed: from.filter((x) => !after.has(x.id)),
    changed,
  };
}

export function diffPlans(from: PlanContent, to: PlanContent): PlanDiff {
  const goals = diffById(from.goals, to.goals, (g) => ({ title: g.title, measure: g.measure }));
  const actions = diffById(from.actions, to.actions, actionValues);
  const summary =
    from.summary === to.summary ? null : { field: 'summary' as const, from: from.summary, to: to.summary };
  const same =
    !summary && [goals, actions].every((d) => d.added.length + d.removed.length + d.changed.length === 0);
  return { summary, goals, actions, same };
}
