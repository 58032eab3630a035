// One lesson's content, shared by the author's preview and the learner's player: Markdown (with the course's
// uploaded images), an uploaded video with captions and audio description, or an external player that loads
// only after the learner's consent. Quiz questions are rendered by the pages themselves.
import { type Locale, type T, translator } from '../../../platform/i18n/index.ts';
import { renderMarkdown } from '../../../platform/markdown.ts';
import { authoringMessages } from '../messages/authoring.ts';
import type { LessonView } from '../types.ts';

type LT = T<keyof typeof authoringMessages.sv>;

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const IMAGE =
  /!\[([^\]\n]*)\]\(\s*\/learning\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*\)/gi;

/** The uploaded images a Markdown text refers to (`![alt](/learning/media/<id>)`), with their alt texts. */
export function mediaImages(source: string): { alt: string; id: string }[] {
  return [...source.matchAll(IMAGE)].map((m) => ({
    alt: (m[1] ?? '').trim(),
    id: (m[2] ?? '').toLowerCase(),
  }));
}

/**
 * Markdown to sanitised HTML through platform/markdown.ts, plus the course's own images: each
 * `![alt](/learning/media/<id>)` becomes an <img> with its alt text (other images stay dropped).
 */
export function lessonMarkdown(source: string): string {
  const images: string[] = [];
  const marked = source.replace(IMAGE, (_all, alt: string, id: string) => {
    images.push(
      `<img class="kn-lesson-image" src="/learning/media/${id.toLowerCase()}" alt="${escapeAttr(alt.trim())}" loading="lazy">`,
    );
    return `KNLESSONIMG${images.length - 1}X`;
  });
  return renderMarkdown(marked).replace(/KNLESSONIMG(\d+)X/g, (all, i: string) => images[Number(i)] ?? all);
}

/** The external player's origin (for the page's CSP `frame-src`), or null when the lesson embeds none. */
export function frameSrcFor(lesson: LessonView): string | null {
  if (lesson.kind !== 'video' || !lesson.externalUrl) return null;
  try {
    const url = new URL(lesson.externalUrl);
    return url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

const mediaUrl = (id: string) => `/learning/media/${id}`;

function TextAlternative(props: { t: LT; lesson: LessonView }): JSX.Element {
  const { t, lesson } = props;
  if (lesson.textAlternative.trim() === '') return '';
  // Markdown rendered through the allow-list sanitiser (lessonMarkdown).
  const safeAlt = lessonMarkdown(lesson.textAlternative);
  return (
    <section class="kn-lesson-alt" id={`alt-${lesson.id}`} aria-labelledby={`alt-${lesson.id}-h`}>
      <h3 class="ds-heading" data-size="xs" id={`alt-${lesson.id}-h`} safe>
        {t('elearning.lesson.textAlternative')}
      </h3>
      <div class="kn-prose">{safeAlt}</div>
    </section>
  );
}

function AltLink(props: { t: LT; lesson: LessonView }): JSX.Element {
  if (props.lesson.textAlternative.trim() === '') return '';
  return (
    <p class="ds-paragraph">
      <a class="ds-link" href={`#alt-${props.lesson.id}`} safe>
        {props.t('elearning.lesson.textAlternative')}
      </a>
    </p>
  );
}

function UploadedVideo(props: { t: LT; lesson: LessonView }): JSX.Element {
  const { t, lesson } = props;
  const video = lesson.video;
  if (!video) return '';
  const ad = lesson.audioDescription;
  return (
    <figure class="kn-lesson-video">
      <video
        controls
        {...{ preload: 'metadata' }}
        aria-label={t('elearning.lesson.video.label', { title: lesson.title })}
      >
        <source src={mediaUrl(video.id)} type={video.contentType} />
        {lesson.captions ? (
          <track
            kind="captions"
            src={mediaUrl(lesson.captions.id)}
            srclang={lesson.captions.language ?? 'sv'}
            label={t('elearning.lesson.captionsLabel')}
            default=""
          />
        ) : (
          ''
        )}
        {ad?.kind === 'captions' || ad?.contentType.startsWith('text/vtt') ? (
          <track
            kind="descriptions"
            src={mediaUrl(ad.id)}
            srclang={ad.language ?? lesson.captions?.language ?? 'sv'}
            label={t('elearning.lesson.descriptionsLabel')}
          />
        ) : (
          ''
        )}
        <p class="ds-paragraph">
          <span safe>{t('elearning.lesson.video.unsupported')}</span>{' '}
          <a class="ds-link" href={mediaUrl(video.id)} safe>
            {t('elearning.lesson.video.download')}
          </a>
        </p>
      </video>
      {ad && !ad.contentType.startsWith('text/vtt') ? (
        <figcaption>
          <p class="ds-paragraph" safe>
            {t('elearning.lesson.audioDescription')}
          </p>
          {/* biome-ignore lint/a11y/useMediaCaption: the audio description narrates the picture; the video's captions and text alternative carry its words. */}
          <audio
            controls=""
            preload="none"
            src={mediaUrl(ad.id)}
            aria-label={t('elearning.lesson.audioDescription')}
          />
        </figcaption>
      ) : (
        ''
      )}
    </figure>
  );
}

function ExternalVideo(props: {
  t: LT;
  lesson: LessonView;
  consent: boolean;
  consentUrl: string;
}): JSX.Element {
  const { t, lesson } = props;
  const origin = frameSrcFor(lesson);
  if (!origin || !lesson.externalUrl) return '';
  const host = new URL(origin).host;
  if (!props.consent)
    return (
      <section class="kn-consent ds-alert" data-color="info" aria-labelledby={`consent-${lesson.id}`}>
        <h3 class="ds-heading" data-size="xs" id={`consent-${lesson.id}`} safe>
          {t('elearning.lesson.consent.title')}
        </h3>
        <p class="ds-paragraph" safe>
          {t('elearning.lesson.consent.text', { host })}
        </p>
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={props.consentUrl} data-testid="consent-link" safe>
            {t('elearning.lesson.consent.accept', { host })}
          </a>
        </p>
        {lesson.textAlternative.trim() !== '' ? (
          <p class="ds-paragraph">
            <a class="ds-link" href={`#alt-${lesson.id}`} safe>
              {t('elearning.lesson.consent.textAlternative')}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
    );
  return (
    <div class="kn-lesson-player">
      <iframe
        title={t('elearning.lesson.player.title', { host, title: lesson.title })}
        src={lesson.externalUrl}
        allow="fullscreen; picture-in-picture"
        referrerpolicy="strict-origin-when-cross-origin"
        loading="lazy"
      />
    </div>
  );
}

/** The content of one lesson (its title is the page's own heading). */
export function LessonBody(props: {
  lesson: LessonView;
  locale: Locale;
  consent: boolean;
  consentUrl: string;
}): JSX.Element {
  const { lesson } = props;
  const t = translator(authoringMessages, props.locale);
  // Markdown rendered through the allow-list sanitiser (lessonMarkdown).
  const safeBody = lessonMarkdown(lesson.body);
  return (
    <div class="kn-lesson" data-lesson-kind={lesson.kind}>
      {safeBody ? <div class="kn-prose">{safeBody}</div> : ''}
      {lesson.kind === 'video' ? (
        <>
          <UploadedVideo t={t} lesson={lesson} />
          <ExternalVideo t={t} lesson={lesson} consent={props.consent} consentUrl={props.consentUrl} />
          {lesson.captions && !lesson.video ? (
            <p class="ds-paragraph">
              <a class="ds-link" href={mediaUrl(lesson.captions.id)} safe>
                {t('elearning.lesson.captionsLabel')}
              </a>
            </p>
          ) : (
            ''
          )}
          <AltLink t={t} lesson={lesson} />
          <TextAlternative t={t} lesson={lesson} />
        </>
      ) : (
        ''
      )}
    </div>
  );
}
