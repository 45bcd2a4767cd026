#!/usr/bin/env node
// Makes the app icons from resources/icon.svg: icons/NxN.png (Linux), icon.png (512x512, the window
// and electron-builder's default) and icon.ico (Windows: the exe, the installer and the shortcuts).
// Run `npm run icons` after changing the SVG and commit the results: packaging reads them, never this.
import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
/** Windows picks the nearest of these for the taskbar, Explorer and the title bar. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

export async function makeIcons(outDir = here) {
  const svg = readFileSync(join(here, 'icon.svg'));
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  const pngs = new Map();
  for (const size of PNG_SIZES) {
    const png = renderPng(svg, size);
    pngs.set(size, png);
    writeFileSync(join(outDir, 'icons', `${size}x${size}.png`), png);
  }
  writeFileSync(join(outDir, 'icon.png'), pngs.get(512));
  writeFileSync(join(outDir, 'icon.ico'), await pngToIco(ICO_SIZES.map((s) => pngs.get(s))));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await makeIcons();
