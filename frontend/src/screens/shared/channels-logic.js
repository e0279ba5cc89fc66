// How reminders reach a person (issue 14): the channels in order, what each is called, and whether it can
// be used. Pure functions, shared by my notification settings and the coordinator's carer page.
import { formatDate, t } from '../../i18n.js';

export const ALL_CHANNELS = ['push', 'email', 'sms'];

/** A channel's name and where it goes, in plain words. */
export function channelWords(channel, reach) {
  if (channel === 'push') return { name: t('account.channels.push'), where: t('account.channels.pushWhere') };
  if (channel === 'email') {
    return {
      name: t('account.channels.email'),
      where: reach?.email ? t('account.channels.emailTo', { email: reach.email }) : t('account.channels.emailWhere'),
    };
  }
  return {
    name: t('account.channels.sms'),
    where: reach?.sms?.phone ? t('account.channels.smsTo', { phone: reach.sms.phone }) : t('account.channels.smsWhere'),
  };
}

/**
 * Why a channel can't be chosen now, or ``null`` when it can. Only texts can be unavailable: the
 * service or the centre doesn't send them, the number isn't verified, or STOP was texted.
 */
export function unavailableReason(channel, reach) {
  if (channel !== 'sms' || !reach) return null;
  const sms = reach.sms;
  if (!sms.available) return sms.reason || t('account.channels.smsUnavailable');
  if (sms.stopped) return t('account.channels.smsStopped');
  if (!sms.phone) return t('account.channels.smsNoPhone');
  if (!sms.verified) return t('account.channels.smsNotVerified');
  return null;
}

/** The rows to show: the chosen channels in order, then the others (off). */
export function channelRows(order) {
  return [...order.map((channel) => ({ channel, on: true })), ...ALL_CHANNELS.filter((c) => !order.includes(c)).map((channel) => ({ channel, on: false }))];
}

/** ``order`` with ``channel`` moved one place up (``-1``) or down (``1``) among the chosen ones. */
export function move(order, channel, step) {
  const at = order.indexOf(channel);
  const to = at + step;
  if (at < 0 || to < 0 || to >= order.length) return order;
  const next = [...order];
  [next[at], next[to]] = [next[to], next[at]];
  return next;
}

/** ``order`` with ``channel`` switched on (added last) or off. */
export function toggle(order, channel, on) {
  if (on) return order.includes(channel) ? order : [...order, channel];
  return order.filter((c) => c !== channel);
}

/**
 * A warning when reminders would reach nobody: nothing chosen, or only app notifications with no device
 * that has them turned on. ``null`` when something works.
 */
export function nothingLeftWarning(order, reach) {
  if (order.length === 0) return t('account.channels.nothingChosen');
  const working = order.filter((channel) => {
    if (channel === 'push') return (reach?.push_devices || 0) > 0;
    if (channel === 'email') return Boolean(reach?.email) && !reach?.email_refused;
    return unavailableReason('sms', reach) === null;
  });
  if (working.length === 0) return t('account.channels.nothingWorks');
  return null;
}

/** "Chosen with Morgan on 3 December", or ``''``. */
export function chosenWithWords(setBy) {
  if (!setBy) return '';
  const day = formatDate(setBy.at, { day: 'numeric', month: 'long' });
  return t('account.channels.chosenWith', { name: setBy.name, day });
}
