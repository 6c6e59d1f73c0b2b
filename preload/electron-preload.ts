// The Electron preload: bundled into one CommonJS file so the renderer can stay sandboxed.
// It hands the page the typed API object and nothing else; raw ipcRenderer never leaves here.
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './create-api';
import { createElectronTransport } from './electron-transport';

contextBridge.exposeInMainWorld('shardscope', createApi(createElectronTransport(ipcRenderer)));
