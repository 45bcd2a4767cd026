// Filled in by the typed bridge: one frozen object generated from shared/contract.ts.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('sigapInfo', Object.freeze({ version: 1 }));
