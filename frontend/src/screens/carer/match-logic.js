// Where a match stands, in words, for the carer looking at it (kept free of the DOM for node tests).
import { firstName } from '../../text.js';

/** Where the match stands, for the carer or the buddy looking at it. */
export function matchStateInWords(match, other) {
  const name = firstName(other);
  switch (match.status) {
    case 'proposed':
      if (match.on_hold) {
        return {
          title: 'You have both said yes',
          text: `The centre needs to check a few things before you and ${name} can start. A coordinator will be in touch soon.`,
        };
      }
      if (match.my_decision === 'accepted') {
        return {
          good: true,
          title: 'You said yes',
          text: `We're waiting for ${name} to say yes too. Nothing starts until you have both said yes. We'll let you know.`,
        };
      }
      return null;
    case 'active':
      return {
        good: true,
        title: `You and ${name} are matched`,
        text: match.viewer === 'carer'
          ? `You'll check in with ${name} regularly, and you can get in touch whenever you'd like to talk.`
          : `${name} will check in with you regularly. You'll see their answers on your home page.`,
      };
    case 'paused':
      return { title: 'This match is paused', text: 'You can restart it whenever you are both ready.' };
    case 'ended':
      return { title: 'This match has ended', text: `Thank you for the time you spent with ${name}.` };
    case 'declined':
      return match.my_decision === 'declined'
        ? { title: 'You said no, thank you', text: "That's fine. The centre will keep looking, and nobody will mind." }
        : { title: "This introduction didn't go ahead", text: 'The centre will be in touch about what happens next.' };
    case 'withdrawn':
      return { title: 'The centre has withdrawn this introduction', text: 'They will be in touch about what happens next.' };
    default:
      return { title: `This match is ${match.status}`, text: '' };
  }
}
