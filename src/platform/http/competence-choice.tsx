// The competence choice of a form that works without JavaScript: the chosen competences as checked boxes, a
// search field whose button re-renders the form with hits to tick (the form's `action=searchCompetence`).
// Used by the training course form and the digital-course form; the labels come translated from the caller.
import { fieldId } from './views.tsx';

export interface CompetenceChoiceLabels {
  legend: string;
  hint: string;
  noneSelected: string;
  selected: string;
  search: string;
  searchButton: string;
  none: string;
  results: string;
}

export function CompetenceChoice(props: {
  labels: CompetenceChoiceLabels;
  /** The field's translated error message, if any. */
  error: string | null;
  selected: { id: string; name: string }[];
  /** Search hits, or null before a search. */
  hits: { id: string; name: string }[] | null;
  query: string;
}): JSX.Element {
  const { labels } = props;
  const id = fieldId('competences');
  return (
    <fieldset
      class="ds-fieldset"
      id={id}
      tabindex="-1"
      aria-describedby={`${id}-hint${props.error ? ` ${id}-error` : ''}`}
      data-testid="competence-picker"
    >
      <legend class="ds-label" safe>
        {labels.legend}
      </legend>
      <div id={`${id}-hint`} data-field="description" safe>
        {labels.hint}
      </div>
      {props.error ? (
        <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
          {props.error}
        </div>
      ) : (
        ''
      )}
      <p class="ds-paragraph" data-size="sm" safe>
        {props.selected.length === 0 ? labels.noneSelected : labels.selected}
      </p>
      {props.selected.map((c, i) => (
        <div class="ds-field" data-testid="competence-selected">
          <input
            class="ds-input"
            type="checkbox"
            name="competences"
            id={`${id}-s${i}`}
            value={c.id}
            checked
          />
          <label class="ds-label" data-weight="regular" for={`${id}-s${i}`} safe>
            {c.name}
          </label>
        </div>
      ))}
      <div class="kn-code-field">
        <div class="ds-field">
          <label class="ds-label" for="f-competenceQ" safe>
            {labels.search}
          </label>
          <input class="ds-input" id="f-competenceQ" name="competenceQ" type="search" value={props.query} />
        </div>
        <button
          type="submit"
          name="action"
          value="searchCompetence"
          class="ds-button"
          data-variant="secondary"
          data-size="sm"
          formnovalidate
          safe
        >
          {labels.searchButton}
        </button>
      </div>
      {props.hits !== null ? (
        <div role="status" data-testid="competence-hits">
          <p class="ds-paragraph" data-size="sm" safe>
            {props.hits.length === 0 ? labels.none : labels.results}
          </p>
          {props.hits.map((c, i) => (
            <div class="ds-field">
              <input class="ds-input" type="checkbox" name="competences" id={`${id}-h${i}`} value={c.id} />
              <label class="ds-label" data-weight="regular" for={`${id}-h${i}`} safe>
                {c.name}
              </label>
            </div>
          ))}
        </div>
      ) : (
        ''
      )}
    </fieldset>
  );
}
