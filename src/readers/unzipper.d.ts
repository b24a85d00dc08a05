// The part of unzipper (exceljs's own zip reader, which ships no types) that the XLSX reader uses.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  namespace unzipper {
    interface CentralDirectoryEntry {
      path: string;
      type: 'File' | 'Directory';
      stream(): Readable;
      buffer(): Promise<Buffer>;
    }
    interface CentralDirectory {
      files: CentralDirectoryEntry[];
    }
    const Open: { file(path: string): Promise<CentralDirectory> };
  }
  export = unzipper;
}
