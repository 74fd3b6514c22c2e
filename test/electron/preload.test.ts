import { describe, expect, it, vi } from 'vitest';

import { channelOf, IPC_METHOD_NAMES, PROGRESS_CHANNEL } from '../../shared/ipc-api';
import { createElectronStandIn } from '../stand-ins/electron';

import type { CadentBridge, ProgressMessage } from '../../shared/ipc-api';
import type { ElectronStandIn } from '../stand-ins/electron';

/** Runs the preload afresh against a fresh stand-in and returns what it exposed. */
async function loadPreload(): Promise<{ electron: ElectronStandIn; bridge: CadentBridge }> {
  const electron = createElectronStandIn();
  vi.doMock('electron', () => electron);
  vi.resetModules();
  await import('../../electron/preload');
  return { electron, bridge: electron.contextBridge.exposed.get('cadent') as CadentBridge };
}

const checkProgress: ProgressMessage = { kind: 'check', rowsRead: 500, rowsEstimated: 2000 };

describe('preload', () => {
  it('exposes window.cadent and nothing else to the page', async () => {
    const { electron } = await loadPreload();

    expect([...electron.contextBridge.exposed.keys()]).toEqual(['cadent']);
  });

  it('gives the bridge one method per table entry, onProgress and pathForFile, no more', async () => {
    const { bridge } = await loadPreload();

    expect(Object.keys(bridge).sort()).toEqual(
      [...IPC_METHOD_NAMES, 'onProgress', 'pathForFile'].sort(),
    );
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    for (const raw of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) {
      expect(bridge).not.toHaveProperty(raw);
    }
  });

  it.each(IPC_METHOD_NAMES)('sends %s on its own channel with its argument', async (name) => {
    const { electron, bridge } = await loadPreload();
    const call = bridge[name] as (args?: unknown) => Promise<unknown>;

    const result = await call({ probe: name });

    expect(electron.ipcRenderer.invocations).toEqual([
      { channel: channelOf(name), args: [{ probe: name }] },
    ]);
    expect(result).toEqual({ ok: true, value: null });
  });

  it('passes nothing but undefined for a method without an argument', async () => {
    const { electron, bridge } = await loadPreload();

    await bridge.listConnections();

    expect(electron.ipcRenderer.invocations).toEqual([
      { channel: channelOf('listConnections'), args: [undefined] },
    ]);
  });

  it('hands a progress message to the listener, without the IPC event', async () => {
    const { electron, bridge } = await loadPreload();
    const listener = vi.fn();

    bridge.onProgress(listener);
    electron.ipcRenderer.deliver(PROGRESS_CHANNEL, checkProgress);

    expect(listener.mock.calls).toEqual([[checkProgress]]);
  });

  it('drops progress messages that do not match the schema', async () => {
    const { electron, bridge } = await loadPreload();
    const listener = vi.fn();

    bridge.onProgress(listener);
    electron.ipcRenderer.deliver(PROGRESS_CHANNEL, { kind: 'check', rowsRead: 'many' });
    electron.ipcRenderer.deliver(PROGRESS_CHANNEL, { kind: 'exfiltrate', url: 'https://x' });
    electron.ipcRenderer.deliver(PROGRESS_CHANNEL);

    expect(listener).not.toHaveBeenCalled();
  });

  it('unsubscribes only the listener whose function is called', async () => {
    const { electron, bridge } = await loadPreload();
    const kept = vi.fn();
    const dropped = vi.fn();

    bridge.onProgress(kept);
    const unsubscribe = bridge.onProgress(dropped);
    unsubscribe();
    electron.ipcRenderer.deliver(PROGRESS_CHANNEL, checkProgress);

    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.listenerCount(PROGRESS_CHANNEL)).toBe(1);
  });

  it('asks webUtils for the path of a dropped file', async () => {
    const { bridge } = await loadPreload();

    expect(bridge.pathForFile({ name: 'orders.csv' } as File)).toBe('/dropped/orders.csv');
  });
});
