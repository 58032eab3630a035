// Demo digital courses for the demo region's providers: three published courses for SME staff with text
// (one with an uploaded image), a video with an external player and uploaded WebVTT captions, and a quiz
// with single and multiple choice; one linked to a digital catalogue course (the demo catalogue's digital
// course of the same title, when the demo has it), one with a draft version 2.
// Idempotent: a course whose title one of the demo providers already has is skipped.
import { deflateSync } from 'node:zlib';
import type { Db } from '../../../platform/db.ts';
import { actorForUser, usersWithRoleInRegion } from '../../accounts/index.ts';
import * as repo from '../repo-authoring.ts';
import * as authoring from './authoring.ts';
import * as content from './authoring-content.ts';
import { lessonInput, metadataInput, questionInput } from './authoring-schema.ts';
import { demoCourseSpecs, type LessonSpec } from './demo-courses-data.ts';
import { uploadMedia } from './media.ts';
import { publish } from './publish.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = (CRC_TABLE[(c ^ x) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A small valid PNG: three coloured bars of a simple chart (RGB, 96×48). */
export function demoPng(): Buffer {
  const width = 96;
  const height = 48;
  const bars = [
    { from: 8, to: 32, top: 28, rgb: [0x1e, 0x5a, 0x8c] },
    { from: 36, to: 60, top: 16, rgb: [0x2e, 0x7d, 0x32] },
    { from: 64, to: 88, top: 6, rgb: [0xc6, 0x28, 0x28] },
  ];
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 0xff);
    row[0] = 0;
    for (const bar of bars)
      if (y >= bar.top) for (let x = bar.from; x < bar.to; x++) row.set(bar.rgb, 1 + x * 3);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

type W = authoring.WriteCtx;

async function addLesson(db: Db, w: W, courseId: string, moduleId: string, l: LessonSpec): Promise<void> {
  const id = await content.addLesson(db, w, courseId, moduleId, { kind: l.kind, title: l.title });
  let body = l.body;
  let captionsMediaId: string | undefined;
  if (l.image) {
    const img = await uploadMedia(db, w, courseId, {
      kind: 'image',
      language: undefined,
      file: { fileName: l.image.filename, data: demoPng() },
    });
    body = `${body}\n\n![${l.image.alt}](/learning/media/${img.id})`;
  }
  if (l.captions) {
    const cues = l.captions.map((text, i) => {
      const t = (s: number) => `00:00:${String(s).padStart(2, '0')}.000`;
      return `${t(i * 5)} --> ${t(i * 5 + 5)}\n${text}`;
    });
    const vtt = Buffer.from(`WEBVTT\n\n${cues.join('\n\n')}\n`, 'utf8');
    captionsMediaId = (
      await uploadMedia(db, w, courseId, {
        kind: 'captions',
        language: 'sv',
        file: { fileName: `${l.title}.vtt`, data: vtt },
      })
    ).id;
  }
  await content.updateLesson(
    db,
    w,
    courseId,
    id,
    lessonInput.parse({
      title: l.title,
      body,
      estimatedMinutes: l.minutes,
      externalUrl: l.externalUrl,
      captionsMediaId,
      textAlternative: l.textAlternative,
      pictureCarriesInformation: l.textAlternative ? 'on' : '',
      passMark: l.passMark,
    }),
  );
  for (const q of l.questions ?? []) await content.addQuestion(db, w, courseId, id, questionInput.parse(q));
}

/** Seeds the demo digital courses (see the file comment); does nothing without the demo providers. */
export async function seedElearningCourses(db: Db): Promise<void> {
  const providers = await repo.demoProviders(db);
  const first = providers[0];
  if (!first) return;
  const [admin] = await usersWithRoleInRegion(db, first.regionId, 'region_admin');
  const actor = admin ? await actorForUser(db, admin.userId, 'session') : null;
  if (!actor) return;
  const w: W = { actor, ip: '127.0.0.1' };
  const catalogue = await repo.unlinkedDigitalCatalogueCourses(
    db,
    providers.map((p) => p.id),
  );
  const providerIds = providers.map((p) => p.id);
  for (const spec of demoCourseSpecs) {
    if (await repo.courseIdByTitle(db, providerIds, spec.title)) continue;
    const link = spec.linkToCatalogue ? catalogue.find((c) => c.title === spec.title) : undefined;
    const provider = link
      ? providers.find((p) => p.id === link.providerOrgId)
      : providers[spec.provider % providers.length];
    if (!provider) continue;
    const courseId = await authoring.createCourse(
      db,
      w,
      metadataInput.parse({
        providerOrgId: provider.id,
        title: spec.title,
        summary: spec.summary,
        criteria: spec.criteria,
        language: 'sv',
        hours: spec.hours,
        sunLevelCode: (await repo.existingSunLevel(db, spec.sunLevelCode)) ?? undefined,
        competences: await repo.existingCompetences(db, spec.competences),
        issuesCredential: 'on',
        trainingCourseId: link?.id,
      }),
    );
    for (const m of spec.modules) {
      const moduleId = await content.addModule(db, w, courseId, { title: m.title });
      for (const l of m.lessons) await addLesson(db, w, courseId, moduleId, l);
    }
    await publish(db, w, courseId);
    if (spec.draftModule) {
      await authoring.newDraft(db, w, courseId);
      const moduleId = await content.addModule(db, w, courseId, { title: spec.draftModule.title });
      for (const l of spec.draftModule.lessons) await addLesson(db, w, courseId, moduleId, l);
    }
  }
}
