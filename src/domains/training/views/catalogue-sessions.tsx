import { activityLabel, type CT } from './catalogue-shared.tsx';

export function SessionTable(props: {
  t: CT;
  caption: string;
  sessions: {
    id: string;
    date: string;
    start: string;
    end: string;
    activity: string;
    location: string | null;
  }[];
  remove?: (id: string, label: string) => JSX.Element;
}): JSX.Element {
  const { t } = props;
  if (props.sessions.length === 0)
    return (
      <p class="ds-paragraph" safe>
        {t('training.catalogue.session.none')}
      </p>
    );
  return (
    <div class="kn-table-wrap">
      <table class="ds-table" data-testid="sessions">
        <caption safe>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('training.catalogue.session.when')}
            </th>
            <th scope="col" safe>
              {t('training.catalogue.session.activity')}
            </th>
            <th scope="col" safe>
              {t('training.catalogue.session.location')}
            </th>
            {props.remove ? (
              <th scope="col" safe>
                {t('training.catalogue.session.actions')}
              </th>
            ) : (
              ''
            )}
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr>
              <td class="kn-nowrap" safe>
                {t('training.catalogue.session.time', { date: s.date, start: s.start, end: s.end })}
              </td>
              <td safe>{activityLabel(t, s.activity)}</td>
              <td safe>{s.location ?? ''}</td>
              {props.remove ? (
                <td>
                  {props.remove(
                    s.id,
                    t('training.catalogue.session.remove', { date: s.date, start: s.start }),
                  )}
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
