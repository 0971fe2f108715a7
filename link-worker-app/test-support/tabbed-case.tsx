import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import type { LinkWorkerApi } from '../src/api/api-client';
import { CasePage } from '../src/components/CasePage';

/** The case page as the app drives it: the tabs move between sections. */
export function TabbedCase({ api, section }: { api: LinkWorkerApi; section?: string }) {
  const [current, setCurrent] = useState(section);
  return (
    <CasePage
      api={api}
      caseId="case-1"
      section={current}
      onSection={setCurrent}
      onBack={() => undefined}
    />
  );
}

/** Clicks the case's tab with this title once the case has loaded. */
export async function openSection(title: string): Promise<void> {
  fireEvent.click(await screen.findByRole('link', { name: title }));
}
