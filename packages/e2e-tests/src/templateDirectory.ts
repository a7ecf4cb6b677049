/*
 * The template editor loads a local folder through the File System Access
 * API (`window.showDirectoryPicker`), whose native picker a headless browser
 * cannot drive. This stands in for the user picking the template's folder:
 * the picker answers with a folder holding the repository's template files.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from './portal';

/** Nested folders; a file is its base64 content. */
interface Tree {
  [name: string]: Tree | string;
}

function readTree(dir: string): Tree {
  const tree: Tree = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    tree[entry.name] = entry.isDirectory()
      ? readTree(full)
      : fs.readFileSync(full).toString('base64');
  }
  return tree;
}

/**
 * Runs in the page, before the app loads. The editor keeps the picked handle
 * in IndexedDB, which only accepts real handles, so the files go into the
 * origin-private file system and its real directory handle is returned.
 */
function installDirectoryPicker({ name, tree }: { name: string; tree: Tree }) {
  async function write(dir: FileSystemDirectoryHandle, node: Tree) {
    for (const [entryName, entry] of Object.entries(node)) {
      if (typeof entry === 'string') {
        const file = await dir.getFileHandle(entryName, { create: true });
        const writable = await file.createWritable();
        const binary = atob(entry);
        await writable.write(Uint8Array.from(binary, c => c.charCodeAt(0)));
        await writable.close();
      } else {
        await write(
          await dir.getDirectoryHandle(entryName, { create: true }),
          entry,
        );
      }
    }
  }
  (window as unknown as Record<string, unknown>).showDirectoryPicker =
    async () => {
      const root = await navigator.storage.getDirectory();
      await root.removeEntry(name, { recursive: true }).catch(() => {});
      const dir = await root.getDirectoryHandle(name, { create: true });
      await write(dir, tree);
      return dir;
    };
}

/** Makes the page's folder picker answer with `templates/<name>/`. */
export async function provideTemplateDirectory(page: Page, name: string) {
  const tree = readTree(path.join(REPO_ROOT, 'templates', name));
  await page.addInitScript(installDirectoryPicker, { name, tree });
}
