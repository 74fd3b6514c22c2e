import { useEffect, useRef } from 'react';

import { onProgress } from '../bridge';

import type { ProgressMessage } from '../../../shared/ipc-api';

type MessageOf<K extends ProgressMessage['kind']> = Extract<ProgressMessage, { kind: K }>;

/** Calls `listener` with every progress message of one kind while the component is mounted. */
export function useProgress<K extends ProgressMessage['kind']>(
  kind: K,
  listener: (message: MessageOf<K>) => void,
): void {
  const latest = useRef(listener);
  latest.current = listener;

  useEffect(
    () =>
      onProgress((message) => {
        if (message.kind === kind) latest.current(message as MessageOf<K>);
      }),
    [kind],
  );
}
