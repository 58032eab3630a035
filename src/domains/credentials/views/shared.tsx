// Pieces shared by the credentials pages.
import { formatDate, type T } from '../../../platform/i18n/index.ts';
import type { CredentialsKey } from '../messages.ts';
import type { Credential } from '../service/holders.ts';

export type CT = T<CredentialsKey>;

export function StatusTag(props: { t: CT; c: Credential }): JSX.Element {
  return (
    <span class="ds-tag" data-color={props.c.status === 'active' ? 'success' : 'danger'} safe>
      {props.t(`credentials.status.${props.c.status}`)}
    </span>
  );
}

export const day = (d: Date): string => formatDate(d);
