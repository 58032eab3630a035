import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { messages } from '../messages.ts';
import { commonCore, compareCore } from './core.ts';
import { allQuestions, type InstrumentDefinition, instrumentDefinition, questionTypes } from './schema.ts';
import { commonMethodV1 } from './v1.ts';

const v1 = (): InstrumentDefinition => instrumentDefinition.parse(structuredClone(commonMethodV1));

/** Every {sv, en} pair in a value, with its path. */
function localisedTexts(value: unknown, path = ''): { path: string; text: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localisedTexts(v, `${path}.${i}`));
  if (typeof value !== 'object' || value === null) return [];
  const obj = value as Record<string, unknown>;
  if ('sv' in obj || 'en' in obj) return [{ path, text: obj }];
  return Object.entries(obj).flatMap(([k, v]) => localisedTexts(v, `${path}.${k}`));
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

function issues(def: unknown): { path: string; message: string }[] {
  const parsed = instrumentDefinition.safeParse(def);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('version 1 of the common method', () => {
  it('satisfies the schema', () => {
    expect(issues(commonMethodV1)).toEqual([]);
    const def = v1();
    expect(def.key).toBe('common-method');
    expect(def.version).toBe(1);
    expect(def.levelScale.map((l) => l.value)).toEqual([1, 2, 3, 4]);
  });

  it('has every text in both Swedish and English, none empty and none untranslated by mistake', () => {
    const texts = localisedTexts(commonMethodV1);
    expect(texts.length).toBeGreaterThan(100);
    for (const { path, text } of texts) {
      expect(Object.keys(text).sort(), path).toEqual(['en', 'sv']);
      expect(typeof text.sv === 'string' && text.sv.trim().length > 0, `${path}.sv`).toBe(true);
      expect(typeof text.en === 'string' && text.en.trim().length > 0, `${path}.en`).toBe(true);
    }
    for (const s of strings(commonMethodV1)) expect(s.trim()).not.toBe('');
    // Longer texts that are identical in both languages are probably untranslated.
    const same = texts.filter(({ text }) => text.sv === text.en && String(text.sv).length > 12);
    expect(same.map((t) => t.path)).toEqual([]);
  });

  it('covers what the method needs', () => {
    const def = v1();
    const keys = allQuestions(def).map((q) => q.key);
    for (const key of [
      'orgNumber',
      'sizeClass',
      'employeesWomen',
      'employeesMen',
      'retirementsWithin1Year',
      'retirementsWithin3Years',
      'retirementsWithin5Years',
      'goals',
      'drivers',
      'developmentAreas',
      'roles',
      'requirements',
      'collectiveAgreement',
      'mblStatus',
      'perPersonRatings',
      'needs',
      'recruitmentNeeds',
      'trainingFormat',
      'trainingTime',
      'trainingLanguage',
      'maturity',
    ])
      expect(keys).toContain(key);
    const byKey = new Map(allQuestions(def).map((q) => [q.key, q]));
    expect(byKey.get('drivers')?.options?.map((o) => o.key)).toEqual([
      'digitalisation',
      'automation',
      'greenTransition',
      'newMarkets',
      'certification',
      'generationalShift',
    ]);
    expect(byKey.get('developmentAreas')?.maxSelected).toBe(3);
    expect(byKey.get('trainingFormat')?.options?.map((o) => o.key)).toEqual([
      'classroom',
      'digital',
      'blended',
    ]);
    expect(byKey.get('perPersonRatings')?.showIf).toEqual({
      question: 'mblStatus',
      anyOf: ['negotiated', 'noCollectiveAgreement'],
    });
    expect(byKey.get('maturity')?.statements).toHaveLength(10);
    expect(byKey.get('requirements')?.horizonMonths).toEqual({ min: 12, max: 36 });
    // Company facts say that they are pre-filled.
    for (const q of def.sections[0]?.questions ?? []) {
      expect(q.prefill, q.key).toBeDefined();
      expect(q.help?.sv, q.key).toMatch(/i förväg/);
      expect(q.help?.en, q.key).toMatch(/pre-filled/i);
    }
    expect(commonCore(def)).toEqual({
      roles: 'roles',
      competences: 'requirements',
      needs: 'needs',
      maturity: 'maturity',
      recruitment: 'recruitmentNeeds',
    });
  });
});

describe('instrument validation', () => {
  const base = () => structuredClone(commonMethodV1) as unknown as InstrumentDefinition;

  it('refuses duplicate keys, missing options, gaps in the level scale and a core used twice', () => {
    const def = base();
    const strategy = def.sections[2];
    if (!strategy?.questions[0] || !strategy.questions[1]) throw new Error('fixture');
    strategy.questions[0].key = 'drivers';
    strategy.questions[1].options = [];
    if (def.levelScale[2]) def.levelScale[2].value = 5;
    const needs = def.sections.find((s) => s.key === 'needs')?.questions[0];
    if (!needs) throw new Error('fixture');
    needs.core = 'roles';
    const found = issues(def);
    expect(found).toContainEqual({
      path: 'sections.2.questions.1.key',
      message: 'mapping.instrument.duplicateKey',
    });
    expect(found).toContainEqual({
      path: 'sections.2.questions.1.options',
      message: 'mapping.instrument.optionsRequired',
    });
    expect(found).toContainEqual({
      path: 'levelScale.2.value',
      message: 'mapping.instrument.levelsConsecutive',
    });
    expect(found.filter((i) => i.message === 'mapping.instrument.duplicateCore')).toHaveLength(1);
    expect(found.filter((i) => i.message === 'mapping.instrument.coreType')).toHaveLength(1);
  });

  it('refuses a missing English text and an unknown type', () => {
    const def = base() as unknown as {
      title: { en: string };
      sections: { questions: Record<string, unknown>[] }[];
    };
    def.title.en = '  ';
    const q = def.sections[1]?.questions[0];
    if (!q) throw new Error('fixture');
    q.type = 'slider';
    const found = issues(def);
    expect(found).toContainEqual({ path: 'title.en', message: 'validation.required' });
    expect(found).toContainEqual({ path: 'sections.1.questions.0.type', message: 'validation.choice' });
  });

  it('refuses a condition on an unknown option and a matrix without roles', () => {
    const def = base();
    const other = allQuestions(def).find((x) => x.key === 'developmentAreasOther');
    const needs = allQuestions(def).find((x) => x.key === 'needs');
    if (!other || !needs) throw new Error('fixture');
    other.showIf = { question: 'developmentAreas', anyOf: ['nope'] };
    needs.rolesFrom = 'goals';
    const found = issues(def);
    expect(found).toContainEqual({
      path: 'sections.2.questions.4.showIf.anyOf.0',
      message: 'mapping.instrument.showIf',
    });
    expect(found.some((i) => i.message === 'mapping.instrument.rolesFrom')).toBe(true);
  });

  it('has a catalogue text in both languages for every error key it uses', () => {
    const source = fs.readFileSync(new URL('./schema.ts', import.meta.url), 'utf8');
    const used = new Set(source.match(/mapping\.instrument\.[A-Za-z]+/g));
    expect(used.size).toBeGreaterThan(10);
    for (const key of used) {
      expect(messages.sv, key).toHaveProperty([key]);
      expect(messages.en, key).toHaveProperty([key]);
    }
    expect(questionTypes).toHaveLength(14);
  });
});

describe('comparable core', () => {
  it('survives new wording and new questions, but not a changed core', () => {
    const a = v1();
    const reworded = v1();
    reworded.version = 2;
    if (reworded.sections[0]) reworded.sections[0].title = { sv: 'Om företaget', en: 'About the company' };
    reworded.sections[2]?.questions.push({
      key: 'extraQuestion',
      type: 'text',
      required: false,
      label: { sv: 'Något mer?', en: 'Anything else?' },
    });
    expect(compareCore(a, reworded)).toEqual({ comparable: true, differences: [] });

    const changed = v1();
    const maturity = allQuestions(changed).find((q) => q.core === 'maturity');
    maturity?.statements?.pop();
    const roles = allQuestions(changed).find((q) => q.core === 'roles');
    if (roles) roles.key = 'roleList';
    changed.levelScale.push({ value: 5, label: a.title, description: a.title });
    expect(compareCore(a, changed)).toEqual({
      comparable: false,
      differences: [
        { core: 'roles', reason: 'question' },
        { core: 'maturity', reason: 'statements' },
        { core: 'levelScale', reason: 'values' },
      ],
    });
  });
});
