// Shared parts of the privacy pages: the page heading, a paragraph, a link on its own line, a list of links
// and a data table with a caption and one header per column.
import type { Children } from '@kitajs/html';

/** The page's h1, with its introduction when there is one. */
export function PageHeading(props: { title: string; intro?: string }): JSX.Element {
  return (
    <>
      <h1 class="ds-heading" data-size="lg" safe>
        {props.title}
      </h1>
      {props.intro === undefined ? '' : <Para text={props.intro} />}
    </>
  );
}

export function Para(props: { text: string }): JSX.Element {
  return (
    <p class="ds-paragraph" safe>
      {props.text}
    </p>
  );
}

/** A link in a paragraph of its own (back to a list, a download). */
export function LinkPara(props: { href: string; text: string }): JSX.Element {
  return (
    <p class="ds-paragraph">
      <a class="ds-link" href={props.href} safe>
        {props.text}
      </a>
    </p>
  );
}

export function LinkList(props: { links: { href: string; text: string }[] }): JSX.Element {
  return (
    <ul class="ds-list">
      {props.links.map((l) => (
        <li>
          <a class="ds-link" href={l.href} safe>
            {l.text}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A table with its caption and column headers; the rows (`<tr>`) are its children. */
export function DataTable(props: {
  caption: string;
  columns: string[];
  size?: 'sm';
  testId?: string;
  children: Children;
}): JSX.Element {
  const { children } = props;
  return (
    <table class="ds-table" data-size={props.size} data-testid={props.testId}>
      <caption safe>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col" safe>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
