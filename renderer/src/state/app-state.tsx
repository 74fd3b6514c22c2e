/**
 * What the screens share: where the user is, the connection and dataset chosen, the open file,
 * its mapping and the last full-file check. One reducer; everything else is local to a screen.
 */
import { createContext, useContext, useReducer } from 'react';

import type { Dataset } from '../../../shared/cadent-contract';
import type { IdentityField } from '../../../shared/cadent-fields';
import type { CheckSummary } from '../../../shared/check-summary';
import type { MappingSuggestion } from '../../../shared/header-match';
import type { FileView, LogFilter } from '../../../shared/ipc-api';
import type { Mapping } from '../../../shared/mapping';
import type { Dispatch, ReactNode } from 'react';

export type ScreenId = 'connections' | 'import' | 'map' | 'preview' | 'upload' | 'log' | 'settings';

/** The steps of the upload flow, in order. */
export const FLOW_STEPS = ['import', 'map', 'preview', 'upload'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

export function isFlowStep(screen: ScreenId): screen is FlowStep {
  return (FLOW_STEPS as readonly string[]).includes(screen);
}

/** Where events go: a saved connection and a dataset, with the dataset once it was looked up. */
export interface Target {
  connection: string | null;
  datasetId: string;
  /** Known after "Test connection" succeeded for this connection and dataset ID. */
  dataset: Dataset | null;
}

export type Suggestion = MappingSuggestion & { saved: Mapping | null };

export interface AppState {
  screen: ScreenId;
  target: Target;
  file: FileView | null;
  suggestion: Suggestion | null;
  mapping: Mapping | null;
  /** The full-file check of this file with this mapping; cleared when either changes. */
  check: CheckSummary | null;
  opening: { pending: boolean; error: string | null };
  /** A filter the request log opens with (from "View in request log"). */
  logPreset: LogFilter | null;
}

export type AppAction =
  | { type: 'navigate'; screen: ScreenId }
  | { type: 'setTarget'; target: Target }
  | { type: 'openingFile' }
  | { type: 'openFileFailed'; message: string }
  | { type: 'fileOpened'; file: FileView; suggestion: Suggestion }
  | { type: 'setMapping'; mapping: Mapping }
  /** A finished check; dropped if the file or mapping changed while it ran. */
  | { type: 'checked'; summary: CheckSummary; mapping: Mapping; path: string }
  | { type: 'showLog'; filter: LogFilter }
  | { type: 'connectionRenamed'; from: string; to: string }
  | { type: 'connectionRemoved'; name: string };

export const initialState: AppState = {
  screen: 'connections',
  target: { connection: null, datasetId: '', dataset: null },
  file: null,
  suggestion: null,
  mapping: null,
  check: null,
  opening: { pending: false, error: null },
  logPreset: null,
};

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'navigate':
      return { ...state, screen: action.screen };
    case 'setTarget':
      return { ...state, target: action.target };
    case 'openingFile':
      return { ...state, opening: { pending: true, error: null } };
    case 'openFileFailed':
      return { ...state, opening: { pending: false, error: action.message } };
    case 'fileOpened':
      return {
        ...state,
        screen: 'import',
        file: action.file,
        suggestion: action.suggestion,
        mapping: action.suggestion.mapping,
        check: null,
        opening: { pending: false, error: null },
      };
    case 'setMapping':
      return { ...state, mapping: action.mapping, check: null };
    case 'checked':
      if (state.mapping !== action.mapping || state.file?.path !== action.path) return state;
      return { ...state, check: action.summary };
    case 'showLog':
      return { ...state, screen: 'log', logPreset: action.filter };
    case 'connectionRenamed':
      if (state.target.connection !== action.from) return state;
      return { ...state, target: { ...state.target, connection: action.to } };
    case 'connectionRemoved':
      if (state.target.connection !== action.name) return state;
      return { ...state, target: { connection: null, datasetId: '', dataset: null } };
  }
}

const StateContext = createContext<AppState | null>(null);
const DispatchContext = createContext<Dispatch<AppAction> | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(appReducer, initialState);
  return (
    <DispatchContext.Provider value={dispatch}>
      <StateContext.Provider value={state}>{children}</StateContext.Provider>
    </DispatchContext.Provider>
  );
}

export function useAppState(): AppState {
  const state = useContext(StateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}

export function useAppDispatch(): Dispatch<AppAction> {
  const dispatch = useContext(DispatchContext);
  if (!dispatch) throw new Error('useAppDispatch outside AppStateProvider');
  return dispatch;
}

/**
 * The last check, if it still holds: it was run with the match key known now (a check made
 * before the dataset was looked up counts events that the dataset would refuse).
 */
export function useCurrentCheck(): CheckSummary | null {
  const { check, target } = useAppState();
  const matchKey = target.dataset?.match_key ?? null;
  return check && check.matchKey === matchKey ? check : null;
}

/** The chosen dataset's match key, once a connection test has looked the dataset up. */
export function useMatchKey(): IdentityField | null {
  return useAppState().target.dataset?.match_key ?? null;
}
