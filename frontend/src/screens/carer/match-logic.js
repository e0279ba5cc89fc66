// Where a match stands, in words, for the carer looking at it (kept free of the DOM for node tests).
import { t } from '../../i18n.js';
import { firstName } from '../../text.js';

/** Where the match stands, for the carer or the buddy looking at it. */
export function matchStateInWords(match, other) {
  const name = firstName(other);
  switch (match.status) {
    case 'proposed':
      if (match.on_hold) {
        return {
          title: t('carer.match.bothSaidYes'),
          text: t('carer.match.onHold', { name }),
        };
      }
      if (match.my_decision === 'accepted') {
        return {
          good: true,
          title: t('carer.match.saidYes'),
          text: t('carer.match.waitingFor', { name }),
        };
      }
      return null;
    case 'active':
      return {
        good: true,
        title: t('carer.match.matched', { name }),
        text: match.viewer === 'carer' ? t('carer.match.activeCarer', { name }) : t('carer.match.activeBuddy', { name }),
      };
    case 'paused':
      return { title: t('carer.match.paused'), text: t('carer.match.pausedText') };
    case 'ended':
      return { title: t('carer.match.ended'), text: t('carer.match.endedText', { name }) };
    case 'declined':
      return match.my_decision === 'declined'
        ? { title: t('carer.match.saidNo'), text: t('carer.match.saidNoText') }
        : { title: t('carer.match.notAhead'), text: t('carer.match.notAheadText') };
    case 'withdrawn':
      return { title: t('carer.match.withdrawn'), text: t('carer.match.withdrawnText') };
    default:
      return { title: t('carer.match.other', { status: match.status }), text: '' };
  }
}
