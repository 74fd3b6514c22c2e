import { describe, expect, it } from 'vitest';

import { splitFullName } from '../../shared/name-split';

describe('splitFullName', () => {
  it.each([
    ['Léa Okoye', 'Léa', 'Okoye'],
    ['  Léa   Okoye  ', 'Léa', 'Okoye'],
    ['Hana Dupont', 'Hana', 'Dupont'],
    ['Mary Jane Watson', 'Mary', 'Watson'],
    ['Jean-Luc Picard', 'Jean-Luc', 'Picard'],
    ["Conan O'Brien", 'Conan', "O'Brien"],
    ['Cher', 'Cher', ''],
    ['', '', ''],
    ['   ', '', ''],
    ['김 민준', '김', '민준'],
  ])('splits %j into %j and %j', (full, first, last) => {
    expect(splitFullName(full)).toEqual({ first, last });
  });

  it.each([
    ['Okoye, Léa', 'Léa', 'Okoye'],
    ['Okoye,Léa', 'Léa', 'Okoye'],
    ['Watson, Mary Jane', 'Mary', 'Watson'],
    ['van der Berg, Anna', 'Anna', 'van der Berg'],
    ['Okoye,', '', 'Okoye'],
  ])('reads "Last, First" in %j', (full, first, last) => {
    expect(splitFullName(full)).toEqual({ first, last });
  });

  it.each([
    ['Dr. Ann Lee', 'Ann', 'Lee'],
    ['Mrs Ann Lee', 'Ann', 'Lee'],
    ['PROF. Ann Lee', 'Ann', 'Lee'],
    ['John Smith Jr.', 'John', 'Smith'],
    ['John Smith III', 'John', 'Smith'],
    ['Dr. Ann Lee Jr.', 'Ann', 'Lee'],
    ['Ann Lee MD PhD', 'Ann', 'Lee'],
  ])('skips titles and suffixes in %j', (full, first, last) => {
    expect(splitFullName(full)).toEqual({ first, last });
  });

  it('reads a suffix after a comma as a suffix, not as a first name', () => {
    expect(splitFullName('John Smith, Jr.')).toEqual({ first: 'John', last: 'Smith' });
    expect(splitFullName('Martin Luther King, Jr.')).toEqual({ first: 'Martin', last: 'King' });
    expect(splitFullName('Smith Jr., John')).toEqual({ first: 'John', last: 'Smith' });
  });

  it('never takes a title for a first name nor a suffix for a last name', () => {
    expect(splitFullName('Dr. Lee')).toEqual({ first: '', last: 'Lee' });
    expect(splitFullName('Mr Smith')).toEqual({ first: '', last: 'Smith' });
    expect(splitFullName('Sammy Jr.')).toEqual({ first: 'Sammy', last: '' });
  });

  it('keeps a word that is only a title or a suffix when nothing else is there', () => {
    expect(splitFullName('Dr.')).toEqual({ first: 'Dr.', last: '' });
  });

  it('keeps names that merely start like a title', () => {
    expect(splitFullName('Drew Barrymore')).toEqual({ first: 'Drew', last: 'Barrymore' });
    expect(splitFullName('Misty Vance')).toEqual({ first: 'Misty', last: 'Vance' });
  });
});
