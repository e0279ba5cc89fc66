// Who looked at whose record (issue 15), for coordinators: the centre's audit log filtered by person,
// kind of action and period, newest first, in plain words; "Older entries" loads the next page.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { html } from '../../html.js';
import { t } from '../../i18n.js';
import { ErrorSummary, Select, TextInput, useForm } from '../../ui/forms.js';
import { Button, Loading, Page, Problem } from '../../ui/page.js';
import { useResource } from '../../ui/resource.js';
import { timeAndDate } from './logic.js';
import { useOrganisationApi } from './parts.js';
import { actionOptions, auditUrl, entrySentence, peopleOptions, validatePeriod } from './records-logic.js';

const back = () => ({ href: '/coordinator/data-rights', label: t('coordinator.home.dataTitle') });
const labels = () => ({ from: t('coordinator.audit.from'), to: t('coordinator.audit.to') });

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
    <${Page} title=${t('coordinator.audit.title')} caption=${organisation.name} back=${back()}>
      <p>${t('coordinator.audit.intro')}</p>
      <${ErrorSummary} errors=${form.errors} general=${form.general} labels=${labels()} />
      <form onSubmit=${onSubmit} novalidate class="filters">
        <${Select} id="person" label=${t('coordinator.audit.about')} optional=${true} value=${form.values.person} onChange=${form.set('person')}
          options=${peopleOptions(members.data || [])} />
        <${Select} id="action" label=${t('coordinator.audit.what')} optional=${true} value=${form.values.action} onChange=${form.set('action')}
          options=${actionOptions(pages.groups)} />
        <${TextInput} id="from" label=${t('coordinator.audit.from')} type="date" optional=${true}
          value=${form.values.from} onInput=${form.set('from')} error=${form.errors.from} />
        <${TextInput} id="to" label=${t('coordinator.audit.to')} type="date" optional=${true}
          value=${form.values.to} onInput=${form.set('to')} error=${form.errors.to} />
        <${Button} busy=${form.busy}>${t('coordinator.audit.show')}</${Button}>
      </form>
      <h2 class="heading-m" id="entries-heading">${chosenPerson ? t('coordinator.audit.entriesAbout', { name: chosenPerson.label }) : t('coordinator.audit.entries')}</h2>
      <${Problem} error=${error || members.error} />
      ${!pages.loaded && !error && html`<${Loading} />`}
      ${pages.loaded && pages.entries.length === 0 && html`<p class="hint">${t('coordinator.audit.none')}</p>`}
      <ul class="list" aria-labelledby="entries-heading">
        ${pages.entries.map((entry) => html`<${Entry} key=${entry.id} entry=${entry} />`)}
      </ul>
      ${pages.next &&
        html`<${Button} type="button" variant="secondary" busy=${busy} onClick=${() => load(filters, pages.next)}>${t('coordinator.audit.older')}</${Button}>`}
    </${Page}>
  `;
}
