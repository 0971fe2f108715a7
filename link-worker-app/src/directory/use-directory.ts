import { useCallback, useEffect, useRef, useState } from 'react';
import type { LinkWorkerApi } from '../api/api-client';
import { queryString, type ServiceQuery, type ServiceResult } from './types';

/** A directory read from the FHIR server (no feed): the old list, shaped like search results. */
function fromList(
  list: Awaited<ReturnType<LinkWorkerApi['services']>>,
  query: ServiceQuery,
): ServiceResult[] {
  const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return list
    .filter((s) =>
      words.every((w) =>
        `${s.name} ${s.offers ?? ''} ${s.category ?? ''}`.toLowerCase().includes(w),
      ),
    )
    .map((s) => ({
      id: s.id,
      name: s.name,
      ...(s.offers === undefined ? {} : { offers: s.offers }),
      categories: s.category === undefined ? [] : [s.category],
      where: s.where === undefined ? [] : [{ name: s.where }],
      opening: [],
      contacts: [],
      phones: [],
    }));
}

/**
 * Searches as asked; the first search (everything, nearest first) runs at once. Only the latest
 * search's answer is shown: an earlier one that answers late is dropped.
 */
export function useDirectory(api: LinkWorkerApi, caseId: string) {
  const [results, setResults] = useState<readonly ServiceResult[]>([]);
  const [total, setTotal] = useState(0);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [message, setMessage] = useState<string | undefined>();
  const latest = useRef(0);
  const search = useCallback(
    async (query: ServiceQuery) => {
      const asked = ++latest.current;
      const current = (): boolean => asked === latest.current;
      setState('loading');
      setMessage(undefined);
      try {
        if (api.searchServices === undefined) {
          const list = fromList(await api.services(), query);
          if (!current()) return;
          setResults(list);
          setTotal(list.length);
        } else {
          const found = await api.searchServices(queryString(query));
          if (!current()) return;
          // A directory without a feed answers with the old list.
          const services = found.services as readonly (ServiceResult | { where?: string })[];
          const shaped =
            services.length > 0 && typeof services[0]?.where === 'string'
              ? fromList(
                  found.services as unknown as Awaited<ReturnType<LinkWorkerApi['services']>>,
                  query,
                )
              : found.services;
          setResults(shaped);
          setTotal(shaped === found.services ? found.total : shaped.length);
        }
        setState('ready');
      } catch (error) {
        if (!current()) return;
        setState('failed');
        setMessage(error instanceof Error ? error.message : String(error));
      }
    },
    [api],
  );
  useEffect(() => {
    void search({ caseId });
  }, [search, caseId]);
  return { results, total, state, message, search };
}
