// Shared bits of the ESF pages: the translator type, a labelled checkbox with its error, money and dates.
import type { FieldError } from '../../../platform/errors.ts';
import { errorFor, fieldId } from '../../../platform/http/views.tsx';
import type { T } from '../../../platform/i18n/index.ts';
import type { EsfKey } from '../messages.ts';

export type ET = T<EsfKey>;

/** `3 706 566 kr` */
export const kronor = (n: number) =>
  `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(Math.round(n))} kr`;

/** A checkbox with its label, and its error linked like the other fields. */
export function Checkbox(props: {
  t: ET;
  name: string;
  label: string;
  checked: boolean;
  errors: FieldError[];
}): JSX.Element {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <div class="ds-field">
      {error ? (
        <div class="ds-validation-message" id={`${id}-error`} data-field="validation" safe>
          {props.t(error.message as EsfKey, error.params)}
        </div>
      ) : (
        ''
      )}
      <input
        class="ds-input"
        type="checkbox"
        id={id}
        name={props.name}
        checked={props.checked}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label class="ds-label" data-weight="regular" for={id} safe>
        {props.label}
      </label>
    </div>
  );
}
