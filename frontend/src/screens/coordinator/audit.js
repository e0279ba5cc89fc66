// Who looked at whose record (issue 15), for coordinators: the centre's audit log filtered by person,
// kind of action and period, newest first, in plain words; "Older entries" loads the next page.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { html } from '../../html.js';
import { ErrorSummary, Select, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';
import { actionOptions, auditUrl, entrySentence, peopleOptions, validatePeriod } from './records-logic.js';

const BACK = { href: '/coordinator/data-rights', label: "People's data" };
const LABELS = { from: 'From', to: 'To' };

function Entry({ entry }) {
  return html`
    <li class="list-item">
      <span class="list-title">${entrySentence(entry)}</span>
      <span class="list-meta">${timeAndDate(entry.at)}</span>
    </li>
  `;
}

export function Audit() {
  const { organisation, base } = useOrganisationApi();
  const members = useResource(`${base}/members`);
  const form = useForm({ person: '', action: '', from: '', to: '' });
  const [filters, setFilters] = useState({});
  const [pages, setPages] = useState({ entries: [], next: null, groups: [], loaded: false });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  async function load(chosen, before = null) {
    setBusy(true);
    setError(null);
    try {
      const page = await get(auditUrl(base, chosen, before));
      setPages((old) => ({
        entries: before ? [...old.entries, ...page.entries] : page.entries,
        next: page.next_before,
        groups: page.action_groups,
        loaded: true,
      }));
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    load({});
  }, [base]);

  const onSubmit = (event) =>
    form.submit(event, {
      validate: validatePeriod,
      action: async (values) => {
        setFilters(values);
        await load(values);
      },
    });

  const chosenPerson = peopleOptions(members.data || []).find((p) => p.value && p.value === filters.person);
  return html`
    <${Page} title="Who looked at whose record" caption=${organisation.name} back=${BACK}>
      <p>Every time someone at the centre looks at or changes a person's record, carerlink writes it down.
        Nobody can change these entries. Looking at this list is written down too.</p>
      <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${LABELS} />
      <form onSubmit=${onSubmit} novalidate class="filters">
        <${Select} id="person" label="About" optional=${true} value=${form.values.person} onChange=${form.set('person')}
          options=${peopleOptions(members.data || [])} />
        <${Select} id="action" label="What" optional=${true} value=${form.values.action} onChange=${form.set('action')}
          options=${actionOptions(pages.groups)} />
        <${TextInput} id="from" label="From" type="date" optional=${true}
          value=${form.values.from} onInput=${form.set('from')} error=${form.errors.from} />
        <${TextInput} id="to" label="To" type="date" optional=${true}
          value=${form.values.to} onInput=${form.set('to')} error=${form.errors.to} />
        <${Button} busy=${form.busy}>Show entries</${Button}>
      </form>
      <h2 class="heading-m" id="entries-heading">${chosenPerson ? `Entries about ${chosenPerson.label}` : 'Entries'}</h2>
      <${Problem} error=${error || members.error} />
      ${!pages.loaded && !error && html`<${Loading} />`}
      ${pages.loaded && pages.entries.length === 0 && html`<p class="hint">No entries match these filters.</p>`}
      <ul class="list" aria-labelledby="entries-heading">
        ${pages.entries.map((entry) => html`<${Entry} key=${entry.id} entry=${entry} />`)}
      </ul>
      ${pages.next &&
        html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${() => load(filters, pages.next)}>Older entries</${Button}>`}
    </${Page}>
  `;
}
