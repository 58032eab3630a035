// Interview notes of a mapping: the notes, the concepts proposed for each line (confirm with one button, no
// JavaScript needed) and the confirmed concepts (remove). Staff only; company contacts never see this page.
import type { FieldError } from '../../../platform/errors.ts';
import { CsrfField, ErrorSummary, errorFor, fieldId } from '../../../platform/http/views.tsx';
import { FormAlert, MappingCrumbs, type MT, StatusTag } from './mapping-shared.tsx';

export interface NoteConceptVM {
  kind: 'competence' | 'occupation';
  conceptId: string;
  name: string;
  /** The SSYK code of an occupation name, else null. */
  ssykCode: string | null;
}

export interface NotesPageVM {
  mappingId: string;
  companyName: string;
  status: 'in_progress' | 'submitted';
  canEdit: boolean;
  /** The notes as saved, or as typed when the save failed. */
  notes: string;
  proposals: { sourceText: string; concepts: NoteConceptVM[] }[];
  confirmed: (NoteConceptVM & { sourceText: string })[];
}

function kindLabel(t: MT, c: NoteConceptVM): string {
  return t(`mapping.notes.kind.${c.kind}`);
}

function conceptName(c: NoteConceptVM): string {
  return c.ssykCode ? `${c.name} (SSYK ${c.ssykCode})` : c.name;
}

export function NotesView(props: {
  t: MT;
  csrf: string;
  vm: NotesPageVM;
  errors: FieldError[];
}): JSX.Element {
  const { t, vm } = props;
  const base = `/mappings/${vm.mappingId}/notes`;
  const id = fieldId('notes');
  const error = errorFor(props.errors, 'notes');
  const fieldErrors = props.errors.filter((e) => e.field === 'notes');
  return (
    <>
      <MappingCrumbs t={t} mappingId={vm.mappingId} companyName={vm.companyName} />
      <div class="kn-title-row">
        <h1 class="ds-heading" data-size="lg" safe>
          {t('mapping.notes.title')}
        </h1>
        <StatusTag t={t} status={vm.status} />
      </div>
      <ErrorSummary t={t} errors={fieldErrors} />
      <FormAlert t={t} errors={props.errors} />
      <div class="ds-alert" data-color="info">
        <p class="ds-paragraph" data-testid="notes-privacy" safe>
          {t('mapping.notes.privacy')}
        </p>
      </div>
      {vm.status === 'submitted' ? (
        <p class="ds-paragraph" safe>
          {t('mapping.locked')}
        </p>
      ) : !vm.canEdit ? (
        <p class="ds-paragraph" safe>
          {t('mapping.notes.readOnly')}
        </p>
      ) : (
        ''
      )}
      <form method="post" action={base} class="kn-form">
        <CsrfField token={props.csrf} />
        <div class="ds-field">
          <label class="ds-label" for={id} safe>
            {t('mapping.notes.label')}
          </label>
          <div id={`${id}-hint`} data-field="description" safe>
            {t('mapping.notes.hint')}
          </div>
          {error ? (
            <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
              {t(error.message as Parameters<MT>[0], error.params)}
            </div>
          ) : (
            ''
          )}
          <textarea
            class="ds-input"
            id={id}
            name="notes"
            rows="12"
            readonly={!vm.canEdit}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            safe
          >
            {vm.notes}
          </textarea>
        </div>
        {vm.canEdit ? (
          <button type="submit" class="ds-button" data-variant="primary" safe>
            {t('mapping.notes.save')}
          </button>
        ) : (
          ''
        )}
      </form>

      <section aria-labelledby="proposed-title" data-testid="note-proposals">
        <h2 id="proposed-title" class="ds-heading" data-size="sm" safe>
          {t('mapping.notes.proposedTitle')}
        </h2>
        {vm.proposals.length === 0 ? (
          <p class="ds-paragraph" safe>
            {t('mapping.notes.noProposals')}
          </p>
        ) : (
          <>
            {vm.canEdit ? (
              <p class="ds-paragraph" safe>
                {t('mapping.notes.proposedIntro')}
              </p>
            ) : (
              ''
            )}
            {vm.proposals.map((p) => (
              <div class="kn-form">
                <h3 class="ds-heading" data-size="xs" safe>
                  {t('mapping.notes.forLine', { text: p.sourceText })}
                </h3>
                <ul class="ds-list">
                  {p.concepts.map((c) => (
                    <li data-testid="note-proposal" data-kind={c.kind} data-concept={c.conceptId}>
                      <span class="ds-tag" data-color="neutral" safe>
                        {kindLabel(t, c)}
                      </span>{' '}
                      <span safe>{conceptName(c)}</span>
                      {vm.canEdit ? (
                        <form method="post" action={`${base}/concepts`} class="kn-inline-form">
                          <CsrfField token={props.csrf} />
                          <input type="hidden" name="kind" value={c.kind} />
                          <input type="hidden" name="conceptId" value={c.conceptId} />
                          <input type="hidden" name="sourceText" value={p.sourceText} />
                          <button
                            type="submit"
                            class="ds-button"
                            data-variant="secondary"
                            data-size="sm"
                            aria-label={t('mapping.notes.confirmLabel', {
                              kind: kindLabel(t, c),
                              name: c.name,
                            })}
                            safe
                          >
                            {t('mapping.notes.confirm')}
                          </button>
                        </form>
                      ) : (
                        ''
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </>
        )}
      </section>

      <section aria-labelledby="confirmed-title" data-testid="note-confirmed">
        <h2 id="confirmed-title" class="ds-heading" data-size="sm" safe>
          {t('mapping.notes.confirmedTitle')}
        </h2>
        {vm.confirmed.length === 0 ? (
          <p class="ds-paragraph" safe>
            {t('mapping.notes.noConfirmed')}
          </p>
        ) : (
          <ul class="ds-list">
            {vm.confirmed.map((c) => (
              <li data-testid="note-concept" data-kind={c.kind} data-concept={c.conceptId}>
                <span class="ds-tag" data-color="success" safe>
                  {kindLabel(t, c)}
                </span>{' '}
                <span safe>{conceptName(c)}</span>{' '}
                <span safe>{t('mapping.notes.from', { text: c.sourceText })}</span>
                {vm.canEdit ? (
                  <form method="post" action={`${base}/concepts/remove`} class="kn-inline-form">
                    <CsrfField token={props.csrf} />
                    <input type="hidden" name="kind" value={c.kind} />
                    <input type="hidden" name="conceptId" value={c.conceptId} />
                    <button
                      type="submit"
                      class="ds-button"
                      data-variant="tertiary"
                      data-size="sm"
                      aria-label={t('mapping.notes.removeLabel', { kind: kindLabel(t, c), name: c.name })}
                      safe
                    >
                      {t('mapping.notes.remove')}
                    </button>
                  </form>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
