import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { BridgeError } from '../../renderer/src/bridge';
import { PersonDialog } from '../../renderer/src/pages/roster/PersonDialog';
import { emptyPerson } from '../../renderer/src/pages/roster/person-form';
import { checkPersonName } from '../../shared/person-name';
import { renderScreen } from './render-app';

afterEach(cleanup);

// Issue 17: a name the importer refuses is refused in the person form too, and the clerk reads why.
describe('a refused name in the person form', () => {
  it.each([['Budi \u202Eotnas', /\[U\+202E\]/], ['Budі Santoso', /huruf Kiril/], ['=HYPERLINK("x")', /rumus/]])('shows the rule\'s message for %j', async (typed, why) => {
    const b = renderScreen(
      <PersonDialog mode="edit" personId={5} initial={{ ...emptyPerson, nik: '1804015205900002', name: 'Siti Rahma' }} onClose={() => undefined} onSaved={() => undefined} />,
      {
        handlers: {
          // The core's own rule, as person.update applies it.
          'person.update': ({ person }: { person: { name: string } }) => {
            const r = checkPersonName(person.name);
            if (!r.ok) throw new BridgeError('INVALID_INPUT', r.message);
            return null;
          },
        },
      },
    );
    const name = await screen.findByLabelText(/^Nama lengkap/);
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    fireEvent.change(name, { target: { value: typed } });
    fireEvent.click(screen.getByRole('button', { name: 'Simpan' }));
    const shown = (await screen.findByTestId('error-message')).textContent!;
    expect(shown).toMatch(/^Nama ".*" tidak sah: /);
    expect(shown).toMatch(why);
    // Shown, never obeyed: no direction override reaches the page.
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(b.calls.find((c) => c.name === 'person.update')!.input).toMatchObject({ person: { name: typed } });
  });
});
