// htm bound to Preact's h: tagged templates instead of JSX, so no compile step beyond bundling; and
// rich(), a translated message with elements inside it.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);

/**
 * A translated message with elements inside it, for htm: the parts marked <0>…</0>, <1>…</1> in the
 * message become ``parts[0](text)``, ``parts[1](text)``, the rest stays text, so a translation can put
 * a link or a bold word where its language wants it. A number with no part stays as its text.
 */
export function rich(message, parts) {
  const found = [];
  let last = 0;
  for (const match of message.matchAll(/<(\d+)>(.*?)<\/\1>/gs)) {
    const part = parts[Number(match[1])];
    if (!part) continue;
    if (match.index > last) found.push(message.slice(last, match.index));
    found.push(part(match[2]));
    last = match.index + match[0].length;
  }
  if (last < message.length) found.push(message.slice(last));
  return found;
}
