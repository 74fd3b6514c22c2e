import { describe, expect, it } from 'vitest';

import { normalizedOrNull, omission } from './support';

describe('ct', () => {
  it('keeps letters and marks only: spaces, punctuation and digits go', () => {
    expect(normalizedOrNull('ct', "Martha's Vineyard")).toBe('marthasvineyard');
    expect(normalizedOrNull('ct', 'Paris 15e')).toBe('parise');
    expect(normalizedOrNull('ct', 'Stratford-upon-Avon')).toBe('stratforduponavon');
  });

  it('keeps accents and other scripts', () => {
    expect(normalizedOrNull('ct', 'Zürich')).toBe('zürich');
    expect(normalizedOrNull('ct', '東京')).toBe('東京');
    expect(normalizedOrNull('ct', 'मुंबई')).toBe('मुंबई');
  });

  it('folds accents only with foldAccents on', () => {
    expect(normalizedOrNull('ct', 'Montréal')).toBe('montréal');
    expect(normalizedOrNull('ct', 'Montréal', {}, { foldAccents: true })).toBe('montreal');
  });

  it('leaves out a city with no letters', () => {
    expect(omission('ct', '12345')).toEqual({
      reason: 'invalid',
      detail: 'no letters left after cleaning',
    });
  });
});
