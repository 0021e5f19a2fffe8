// A figure card: label, value, a short note under it; tone 'bad' or 'warn' colours it.

import { el } from './dom.js';
import { orDash } from './format.js';

export function card(label, value, note, tone = '') {
  return el('div', { class: `card ${tone}`.trim() }, el('div', { class: 'label', text: label }),
    el('div', { class: 'value', text: orDash(value) }), note ? el('div', { class: 'note', text: note }) : null);
}
