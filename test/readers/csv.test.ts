import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { collect, csv, HEADER, readError, tempFiles } from '../helpers/read-files.js';

const tmp = tempFiles();
afterAll(() => tmp.cleanup());

/** Linux lists this process's open files in /proc/self/fd; elsewhere the descriptor check is left out. */
const hasProcFd = existsSync('/proc/self/fd');
if (!hasProcFd) console.warn('csv.test: no /proc/self/fd here, so the early-stop test checks the re-read only, not open descriptors');

/** How many descriptors this process holds open on `path`. */
function openDescriptors(path: string): number {
  if (!hasProcFd) return 0;
  let n = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) n++;
    } catch {
      // closed between the listing and the look
    }
  }
  return n;
}

/** Waits (briefly: closing is asynchronous) until nothing holds `path` open. */
async function closedWithin(path: string, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    if (openDescriptors(path) === 0) return true;
  }
  return openDescriptors(path) === 0;
}

describe('dates', () => {
  it('reads every date form of the exports as a Vietnam calendar day', async () => {
    const path = tmp.file(
      'dates.csv',
      csv(
        'Mã hồ sơ,Đơn vị,Ngày tiếp nhận',
        'A1,Sở Tư pháp,2019-06-30',
        'A2,Sở Tư pháp,30/06/2019',
        'A3,Sở Tư pháp,30-06-2019',
        'A4,Sở Tư pháp,30/06/2019 14:05:00',
        'A5,Sở Tư pháp,30/6/2019 8:05',
        'A6,Sở Tư pháp,20190630235959',
        'A7,Sở Tư pháp,2019-06-30T16:59:59Z',
        'A8,Sở Tư pháp,2019-06-30T17:00:00Z',
        'A9,Sở Tư pháp,2019-06-30 23:30:00',
        'A10,Sở Tư pháp,43646',
        'A11,Sở Tư pháp,43646.75',
        'A12,Sở Tư pháp,2019-06-30T10:00:00+07:00',
      ),
    );
    const { dossiers, rejects } = await collect(path);
    expect(rejects).toEqual([]);
    const byCode = Object.fromEntries(dossiers.map((d) => [d.code, d.receivedOn]));
    expect(byCode).toEqual({
      A1: '2019-06-30',
      A2: '2019-06-30',
      A3: '2019-06-30',
      A4: '2019-06-30',
      A5: '2019-06-30',
      A6: '2019-06-30',
      A7: '2019-06-30',
      A8: '2019-07-01', // 17:00Z is midnight in Vietnam
      A9: '2019-06-30', // no zone: already Vietnam wall clock
      A10: '2019-06-30', // Excel serial after a re-save
      A11: '2019-06-30',
      A12: '2019-06-30',
    });
  });

  it('rejects impossible dates naming the column and the value, accepts 29/02 of a leap year', async () => {
    const path = tmp.file(
      'impossible.csv',
      csv(
        HEADER,
        'B1,Sở Xây dựng,01/06/2019,31/06/2019,,Đang xử lý',
        'B2,Sở Xây dựng,29/02/2019,,,Đang xử lý',
        'B3,Sở Xây dựng,29/02/2020,03/03/2020,,Đang xử lý',
        'B4,Sở Xây dựng,01/06/2019,,31/13/2019,Đã xử lý xong',
        'B5,Sở Xây dựng,hôm qua,,,Đang xử lý',
      ),
    );
    const { dossiers, rejects } = await collect(path);
    expect(dossiers.map((d) => [d.code, d.receivedOn, d.dueOn])).toEqual([['B3', '2020-02-29', '2020-03-03']]);
    expect(rejects).toEqual([
      {
        file: path,
        line: 2,
        code: 'B1',
        kind: 'bad-date',
        reason: 'cột "Ngày hẹn trả": ngày không hợp lệ "31/06/2019": tháng 6/2019 chỉ có 30 ngày',
      },
      {
        file: path,
        line: 3,
        code: 'B2',
        kind: 'bad-date',
        reason: 'cột "Ngày tiếp nhận": ngày không hợp lệ "29/02/2019": tháng 2/2019 chỉ có 28 ngày',
      },
      { file: path, line: 5, code: 'B4', kind: 'bad-date', reason: 'cột "Ngày có kết quả": ngày không hợp lệ "31/13/2019": không có tháng 13' },
      expect.objectContaining({ line: 6, code: 'B5', reason: expect.stringMatching(/^cột "Ngày tiếp nhận": không đọc được ngày "hôm qua"/) }),
    ]);
  });
});

/** Windows-1258 spells tones as combining marks after a base letter (ơ, ư, â… stay precomposed). */
function windows1258Form(text: string): string {
  return text.normalize('NFD').replace(/([a-zA-Z])([\u0300-\u036f]+)/g, (_m, base: string, marks: string) => {
    const tones = marks.replace(/[^\u0300\u0301\u0303\u0309\u0323]/g, '');
    const shape = marks.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '');
    return (base + shape).normalize('NFC') + tones;
  });
}

describe('encodings', () => {
  const agencies = ['Sở Tài nguyên và Môi trường', 'Ban Quản lý các KCN', 'Sở Lao động - Thương binh và Xã hội'];
  const text = csv(
    'Mã hồ sơ,Đơn vị,Lĩnh vực,Ngày tiếp nhận',
    ...agencies.map((a, i) => `E${i},${a},Đất đai,01/07/2019`),
  );
  const utf16be = (s: string): Buffer => {
    const le = Buffer.from(s, 'utf16le');
    for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    return le;
  };
  const files: Record<string, Buffer> = {
    'utf-8': Buffer.from(text, 'utf8'),
    'utf-8 BOM': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
    'utf-16le BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    'utf-16be BOM': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]),
    'windows-1258': iconv.encode(windows1258Form(text), 'windows-1258'),
    'utf-8 decomposed (NFD)': Buffer.from(text.normalize('NFD'), 'utf8'),
  };

  it('the Windows-1258 sample really uses combining tone marks', () => {
    const bytes = files['windows-1258'];
    expect(bytes.includes(0x3f)).toBe(false); // nothing lost as "?"
    expect(iconv.decode(bytes, 'windows-1258')).not.toBe(iconv.decode(bytes, 'windows-1258').normalize('NFC'));
  });

  for (const [name, bytes] of Object.entries(files)) {
    it(`${name}: identical NFC names`, async () => {
      const path = tmp.file(`enc-${name.replace(/\W+/g, '-')}.csv`, bytes);
      const { dossiers, rejects } = await collect(path);
      expect(rejects).toEqual([]);
      expect(dossiers.map((d) => d.agency)).toEqual(agencies);
      expect(dossiers.map((d) => d.field)).toEqual(['Đất đai', 'Đất đai', 'Đất đai']);
      for (const d of dossiers) expect(d.agency).toBe(d.agency.normalize('NFC'));
      expect(dossiers.map((d) => d.line)).toEqual([2, 3, 4]);
    });
  }
  it('rejects the rows with bytes that are not UTF-8 after the first megabyte, with their line, and reads the rest', async () => {
    const ascii = Array.from({ length: 60_000 }, (_, i) => `L${i},So Y te,01/07/2019`);
    const tail = iconv.encode(windows1258Form('L-last,Sở Y tế,01/07/2019\n'), 'windows-1258');
    const after = 'L-after,Sở Tư pháp,02/07/2019\n';
    const path = tmp.file('late-1258.csv', Buffer.concat([Buffer.from(csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận', ...ascii)), tail, Buffer.from(after)]));
    const { dossiers, rejects } = await collect(path);
    expect(dossiers.length).toBe(60_001);
    expect(dossiers.at(-1)).toMatchObject({ code: 'L-after', agency: 'Sở Tư pháp', line: 60_003 });
    expect(rejects).toEqual([
      {
        file: path,
        line: 60_002,
        code: 'L-last',
        kind: 'bad-bytes',
        reason: expect.stringMatching(/^cột "Đơn vị": có byte không đọc được theo bảng mã UTF-8 của tệp .*lưu lại dạng "CSV UTF-8"/),
      },
    ]);
  });

  it('decides the encoding for the whole file: a UTF-8 file under 1 MB with a few bad bytes near its end stays UTF-8', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `M${i},Sở Y tế,01/07/2019`);
    const bad = Buffer.from([0x4d, 0x2d, 0x62, 0x61, 0x64, 0x2c, 0x53, 0xe1, 0xbb, 0x2c, 0x30, 0x31, 0x2f, 0x30, 0x37, 0x2f, 0x32, 0x30, 0x31, 0x39, 0x0a]); // "M-bad,S\xe1\xbb,01/07/2019" cut mid-letter
    const path = tmp.file('utf8-few-bad.csv', Buffer.concat([Buffer.from(csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận', ...rows)), bad, Buffer.from('M-end,Sở Xây dựng,02/07/2019\n')]));
    const { dossiers, rejects } = await collect(path);
    expect(new Set(dossiers.map((d) => d.agency))).toEqual(new Set(['Sở Y tế', 'Sở Xây dựng']));
    expect(dossiers.length).toBe(201);
    expect(rejects.map((r) => [r.line, r.code, r.kind])).toEqual([[202, 'M-bad', 'bad-bytes']]);
  });
});

describe('layout', () => {
  it('skips title rows above the header and counts lines from the top of the file', async () => {
    const path = tmp.file(
      'titles.csv',
      csv(
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM,,,',
        'Độc lập - Tự do - Hạnh phúc,,,',
        ',,,',
        'DANH SÁCH HỒ SƠ,,,',
        '"Từ ngày 01/01/2019 đến ngày 30/06/2019",,,',
        '',
        'STT,Mã hồ sơ,Tên cơ quan,Ngày nhận',
        '1,T1,Sở Y tế,02/01/2019',
        '2,,Sở Y tế,02/01/2019',
      ),
    );
    const { dossiers, rejects } = await collect(path);
    expect(dossiers.map((d) => [d.code, d.agency, d.line])).toEqual([['T1', 'Sở Y tế', 8]]);
    expect(rejects).toEqual([{ file: path, line: 9, kind: 'missing-code', reason: 'thiếu mã hồ sơ' }]);
  });

  it('detects semicolon and tab delimiters', async () => {
    for (const [name, d] of [
      ['semicolon', ';'],
      ['tab', '\t'],
    ]) {
      const path = tmp.file(
        `${name}.csv`,
        csv(
          ['DANH SÁCH HỒ SƠ'].join(d),
          ['Mã hồ sơ', 'Đơn vị', 'Tên thủ tục', 'Ngày tiếp nhận'].join(d),
          ['D1', 'Sở Tư pháp', 'Cấp phiếu lý lịch tư pháp, số 1', '01/07/2019'].join(d),
        ),
      );
      const { dossiers } = await collect(path);
      expect(dossiers.map((x) => [x.code, x.procedure])).toEqual([['D1', 'Cấp phiếu lý lịch tư pháp, số 1']]);
    }
  });

  it('keeps line numbers right after quoted line breaks (LF and CRLF)', async () => {
    for (const eol of ['\n', '\r\n']) {
      const path = tmp.file(
        `multiline-${eol.length}.csv`,
        [
          'Mã hồ sơ,Đơn vị,Tên thủ tục,Ngày tiếp nhận',
          `Q1,Sở Tư pháp,"Thủ tục${eol}hai dòng${eol}ba dòng",01/07/2019`,
          'Q2,Sở Tư pháp,Một dòng,31/06/2019',
          '',
          'Q3,Sở Tư pháp,Một dòng,01/07/2019',
        ].join(eol) + eol,
      );
      const { dossiers, rejects } = await collect(path);
      expect(dossiers.map((d) => [d.code, d.line])).toEqual([
        ['Q1', 2],
        ['Q3', 7],
      ]);
      expect(dossiers[0].procedure).toBe('Thủ tục hai dòng ba dòng');
      expect(rejects.map((r) => [r.code, r.line])).toEqual([['Q2', 5]]);
    }
  });

  it('lists group and subtotal rows with one filled cell as skipped, rejects other rows without code', async () => {
    const path = tmp.file(
      'groups.csv',
      csv(
        'STT,Mã hồ sơ,Đơn vị,Ngày tiếp nhận',
        '"Lĩnh vực: Đất đai",,,',
        '1,G1,Sở Tài nguyên và Môi trường,01/07/2019',
        ',,,',
        'Tổng cộng: 1 hồ sơ,,,',
        'Tổng cộng,,Sở Tài nguyên và Môi trường,',
        ',G2,,',
        'STT,Mã hồ sơ,Đơn vị,Ngày tiếp nhận',
      ),
    );
    const { dossiers, rejects } = await collect(path);
    expect(dossiers.map((d) => d.code)).toEqual(['G1']);
    expect(rejects).toEqual([
      { file: path, line: 2, kind: 'group-row', reason: 'dòng nhóm/tổng cộng ("Lĩnh vực: Đất đai")' },
      { file: path, line: 5, kind: 'group-row', reason: 'dòng nhóm/tổng cộng ("Tổng cộng: 1 hồ sơ")' },
      { file: path, line: 6, kind: 'missing-code', reason: 'thiếu mã hồ sơ' },
      { file: path, line: 7, code: 'G2', kind: 'missing-agency', reason: 'thiếu đơn vị (cột "Đơn vị")' },
      { file: path, line: 8, kind: 'repeated-header', reason: 'dòng tiêu đề lặp lại' },
    ]);
  });
});

describe('headers', () => {
  const variants: Record<string, string> = {
    vietnamese: 'Mã hồ sơ,Đơn vị giải quyết,Lĩnh vực,Tên thủ tục hành chính,Cấp thực hiện,Kênh thực hiện,Ngày tiếp nhận,Ngày hẹn trả kết quả,Ngày kết thúc xử lý,Ngày trả kết quả,Tình trạng,Ngày xin lỗi,Mức độ hài lòng,Thời hạn giải quyết (ngày)',
    sync: 'MaHoSo,DonViXuLy,TenLinhVuc,TenTTHC,Cap,KenhThucHien,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,TrangThaiHoSo,NgayXinLoi,DanhGia,ThoiHanGiaiQuyet',
    canonical: 'code,agency,field,procedure,level,channel,received_at,due_at,resolved_at,returned_at,status,apology_at,rating,time_limit',
    'no accents': 'Ma ho so,Co quan,Linh vuc,Thu tuc,Cap,Hinh thuc nop,Ngay nhan,Ngay hen tra,Ngay co ket qua,Ngay tra,Trang thai,Ngay xin loi,Danh gia,Thoi han giai quyet',
    'odd spacing and case': '  MÃ  HỒ SƠ ,Đơn   vị,LĨNH VỰC ,"Tên thủ\ntục",CẤP,Kênh-nộp,Ngày tiếp nhận (dd/mm/yyyy),ngày hẹn trả,Ngày hoàn thành,NGÀY TRẢ,Trạng_thái,Ngày xin lỗi,Hài lòng,THỜI HẠN  GIẢI-QUYẾT',
  };
  const row = 'H-01,Sở Công Thương,Thương mại,Cấp giấy phép,Tỉnh,2,01/07/2019,05/07/2019,04/07/2019,06/07/2019,10,,Hài lòng,15 ngày làm việc';
  for (const [name, header] of Object.entries(variants)) {
    it(`recognises ${name} headers`, async () => {
      const path = tmp.file(`hdr-${name.replace(/\W+/g, '-')}.csv`, csv(header, row));
      const { dossiers, rejects } = await collect(path);
      expect(rejects).toEqual([]);
      const { line: _line, ...d } = dossiers[0];
      expect(d).toEqual({
        code: 'H-01',
        agency: 'Sở Công Thương',
        field: 'Thương mại',
        procedure: 'Cấp giấy phép',
        level: 'Tỉnh',
        channel: 'online',
        receivedOn: '2019-07-01',
        dueOn: '2019-07-05',
        resolvedOn: '2019-07-04',
        returnedOn: '2019-07-06',
        status: 10,
        apologyOn: null,
        satisfied: true,
        timeLimit: 15,
      });
    });
  }

  it('prefers the resolving agency over the receiving unit', async () => {
    const path = tmp.file(
      'two-agencies.csv',
      csv('Mã hồ sơ,Đơn vị tiếp nhận,Đơn vị giải quyết,Ngày tiếp nhận', 'P1,Trung tâm PVHCC,Sở Y tế,01/07/2019'),
    );
    expect((await collect(path)).dossiers[0].agency).toBe('Sở Y tế');
  });

  it('maps extra headers from the config, and the config wins over built-in names', async () => {
    const path = tmp.file(
      'config.csv',
      csv('Số biên nhận,Đơn vị tiếp nhận,Phòng xử lý,Thời điểm nhận,Ghi chú', 'C1,Trung tâm,Sở Nội vụ,01/07/2019,x'),
    );
    const columns = { 'so bien nhan': 'code', 'Phòng xử lý': 'agency', 'THỜI ĐIỂM NHẬN': 'received_at' } as const;
    const { dossiers } = await collect(path, { columns });
    expect(dossiers.map((d) => [d.code, d.agency, d.receivedOn])).toEqual([['C1', 'Sở Nội vụ', '2019-07-01']]);
  });

  it('names a missing required column and lists the headers found', async () => {
    const path = tmp.file('missing.csv', csv('Mã hồ sơ,Đơn vị,Ngày hẹn trả,Trạng thái', 'M1,Sở Y tế,01/07/2019,4'));
    const err = await readError(path);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toContain(path);
    expect(err.message).toContain('thiếu cột "Ngày tiếp nhận"');
    expect(err.message).toContain('Mã hồ sơ | Đơn vị | Ngày hẹn trả | Trạng thái');
    expect(err.message).not.toContain('\n');
  });

  it('reports a file without any header row', async () => {
    const path = tmp.file('noheader.csv', csv('a,b,c', '1,2,3'));
    const err = await readError(path);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/không tìm thấy dòng tiêu đề/);
  });
});

describe('values', () => {
  it('keeps codes as text with leading zeros', async () => {
    const path = tmp.file('codes.csv', csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận', '000123,Sở Y tế,01/07/2019', '0045,Sở Y tế,01/07/2019'));
    expect((await collect(path)).dossiers.map((d) => d.code)).toEqual(['000123', '0045']);
  });

  it('rejects the second occurrence of a code, naming the first line', async () => {
    const path = tmp.file(
      'dups.csv',
      csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận', 'X1,Sở Y tế,01/07/2019', 'X2,Sở Y tế,01/07/2019', 'X1,Sở Xây dựng,02/07/2019'),
    );
    const { dossiers, rejects } = await collect(path);
    expect(dossiers.map((d) => d.agency)).toEqual(['Sở Y tế', 'Sở Y tế']);
    expect(rejects).toEqual([{ file: path, line: 4, code: 'X1', kind: 'duplicate-code', reason: 'mã hồ sơ "X1" trùng với dòng 2' }]);
  });

  it('reads status codes, Vietnamese labels and OpenCPS words', async () => {
    const statuses: [string, number | null][] = [
      ['1', 1],
      ['Mới đăng ký', 1],
      ['new', 1],
      ['Được tiếp nhận', 2],
      ['Đã tiếp nhận', 2],
      ['receiving', 2],
      ['Không được tiếp nhận', 3],
      ['TỪ CHỐI TIẾP NHẬN', 3],
      ['denied', 3],
      ['Đang xử lý', 4],
      ['dang giai quyet', 4],
      ['processing', 4],
      ['Yêu cầu bổ sung giấy tờ', 5],
      ['Chờ bổ sung', 5],
      ['waiting', 5],
      ['Yêu cầu thực hiện nghĩa vụ tài chính', 6],
      ['Chờ nộp phí', 6],
      ['paying', 6],
      ['Công dân yêu cầu rút hồ sơ', 7],
      ['Rút hồ sơ', 7],
      ['Đã hủy', 7],
      ['cancelled', 7],
      ['Dừng xử lý', 8],
      ['Tạm dừng', 8],
      ['8', 8],
      ['', null],
    ];
    const lines = statuses.map(([s], i) => `S${i},Sở Y tế,01/07/2019,"${s}"`);
    const path = tmp.file('status.csv', csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Trạng thái', ...lines));
    const { dossiers, rejects } = await collect(path);
    expect(rejects).toEqual([]);
    expect(dossiers.map((d) => d.status)).toEqual(statuses.map(([, c]) => c));
  });

  it('resolved statuses: fall back to the return date, reject when no date at all', async () => {
    const path = tmp.file(
      'resolved.csv',
      csv(
        'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày có kết quả,Ngày trả kết quả,Trạng thái',
        'R1,Sở Y tế,01/07/2019,03/07/2019,05/07/2019,Đã xử lý xong',
        'R2,Sở Y tế,01/07/2019,,05/07/2019,Đã trả kết quả',
        'R3,Sở Y tế,01/07/2019,,,done',
        'R4,Sở Y tế,01/07/2019,,,released',
        'R5,Sở Y tế,01/07/2019,30/06/2019,,Hoàn thành',
        'R6,Sở Y tế,,,,Mới đăng ký',
        'R7,Sở Y tế,,,,Từ chối tiếp nhận',
        'R8,Sở Y tế,,,,Đang xử lý',
        'R9,Sở Y tế,01/07/2019,,,đã xong',
      ),
    );
    const { dossiers, rejects } = await collect(path);
    expect(dossiers.map((d) => [d.code, d.status, d.receivedOn, d.resolvedOn])).toEqual([
      ['R1', 9, '2019-07-01', '2019-07-03'],
      ['R2', 10, '2019-07-01', '2019-07-05'],
      ['R6', 1, null, null],
      ['R7', 3, null, null],
    ]);
    expect(rejects.map((r) => [r.code, r.line, r.reason])).toEqual([
      ['R3', 4, 'trạng thái đã giải quyết nhưng không có ngày có kết quả'],
      ['R4', 5, 'trạng thái đã giải quyết nhưng không có ngày có kết quả'],
      ['R5', 6, 'ngày có kết quả 30/6/2019 trước ngày tiếp nhận 01/7/2019'],
      ['R8', 9, 'thiếu ngày tiếp nhận (cột "Ngày tiếp nhận")'],
      ['R9', 10, 'cột "Trạng thái": không nhận ra trạng thái "đã xong"'],
    ]);
  });

  it('reads channel codes and labels, rejects an unknown channel naming it', async () => {
    const channels: [string, string | null][] = [
      ['1', 'direct'],
      ['2', 'online'],
      ['3', 'postal'],
      ['Trực tiếp', 'direct'],
      ['TRUC TUYEN', 'online'],
      ['Bưu chính công ích', 'postal'],
      ['Bưu chính', 'postal'],
      ['BCCI', 'postal'],
      ['Qua bưu điện', 'postal'],
      ['direct', 'direct'],
      ['online', 'online'],
      ['postal', 'postal'],
      ['', null],
    ];
    const lines = channels.map(([c], i) => `K${i},Sở Y tế,01/07/2019,${c}`);
    const path = tmp.file('channel.csv', csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Hình thức nộp', ...lines, 'K99,Sở Y tế,01/07/2019,fax'));
    const { dossiers, rejects } = await collect(path);
    expect(dossiers.map((d) => d.channel)).toEqual(channels.map(([, c]) => c));
    expect(rejects).toEqual([
      {
        file: path,
        line: channels.length + 2,
        kind: 'unknown-channel',
        code: 'K99',
        reason: 'cột "Hình thức nộp": không nhận ra kênh "fax" (trực tiếp, trực tuyến, bưu chính công ích hoặc 1, 2, 3)',
      },
    ]);
  });

  it('reads satisfaction ratings', async () => {
    const ratings: [string, boolean | null][] = [
      ['Hài lòng', true],
      ['Rất hài lòng', true],
      ['Không hài lòng', false],
      ['5', true],
      ['4', true],
      ['3', null],
      ['2', false],
      ['1', true],
      ['0', false],
      ['yes', true],
      ['', null],
    ];
    const lines = ratings.map(([r], i) => `V${i},Sở Y tế,01/07/2019,${r}`);
    const path = tmp.file('rating.csv', csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Đánh giá', ...lines));
    expect((await collect(path)).dossiers.map((d) => d.satisfied)).toEqual(ratings.map(([, r]) => r));
  });
});

describe('whole-file errors', () => {
  it('refuses an HTML table saved as .xls', async () => {
    const path = tmp.file('export.xls', '\ufeff  <html><body><TABLE><tr><td>Mã hồ sơ</td></tr></TABLE></body></html>');
    const err = await readError(path);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toBe(
      `tệp "${path}" là bảng HTML, không phải Excel: mở bằng Excel và lưu lại dạng .xlsx hoặc CSV`,
    );
  });

  it('refuses a legacy binary .xls', async () => {
    const path = tmp.file('old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const err = await readError(path);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/Excel cũ.*lưu lại dạng \.xlsx hoặc CSV/);
  });

  it('refuses a binary file that is neither CSV nor Excel', async () => {
    const path = tmp.file('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    expect((await readError(path)).message).toMatch(/không phải CSV hay Excel/);
  });

  it('reports a missing file, an empty file and a blank file', async () => {
    expect((await readError(`${tmp.dir}/nope.csv`)).message).toMatch(/không tìm thấy tệp/);
    expect((await readError(tmp.file('empty.csv', ''))).message).toMatch(/rỗng/);
    expect((await readError(tmp.file('blank.csv', '\ufeff\n \n'))).message).toMatch(/rỗng/);
    expect((await readError(tmp.dir)).message).toMatch(/thư mục/);
  });

  it('rejects the row of a stray quote with its line, and reads the rows it would have swallowed', async () => {
    const path = tmp.file(
      'stray.csv',
      csv(
        'Mã hồ sơ,Đơn vị,Thủ tục,Ngày tiếp nhận',
        'Y1,Sở Y tế,p,01/07/2019',
        'Y2,Sở Y tế,"stray,01/07/2019',
        'Y3,Sở Y tế,p,02/07/2019',
        'Y4,Sở Y tế,p,03/07/2019',
        'Y5,Sở Y tế,lit",04/07/2019',
        'Y6,Sở Y tế,"ok, quoted",05/07/2019',
      ),
    );
    const { dossiers, rejects } = await collect(path);
    expect(dossiers.map((d) => [d.code, d.line, d.procedure])).toEqual([
      ['Y1', 2, 'p'],
      ['Y3', 4, 'p'],
      ['Y4', 5, 'p'],
      ['Y5', 6, 'lit"'],
      ['Y6', 7, 'ok, quoted'],
    ]);
    expect(rejects).toEqual([
      {
        file: path,
        line: 3,
        code: 'Y2',
        kind: 'stray-quote',
        reason: 'cột "Thủ tục": dấu ngoặc kép mở không đóng; đọc theo chuẩn CSV, ô này sẽ gộp các dòng 3–6 làm một: sửa dấu ngoặc kép ở dòng 3 rồi đọc lại; các dòng khác vẫn được đọc riêng',
      },
    ]);
  });

  it('stops cleanly when the consumer stops early', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `Z${i},Sở Y tế,01/07/2019`);
    const path = tmp.file('early.csv', csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận', ...lines));
    const { readDossierFile } = await import('../../src/readers/index.js');
    let n = 0;
    let openWhileReading = 0;
    for await (const _ of readDossierFile(path)) {
      if (++n === 10) {
        openWhileReading = openDescriptors(path);
        break;
      }
    }
    expect(n).toBe(10);
    // The file is closed once the loop has stopped, and it reads again in full.
    if (hasProcFd) {
      expect(openWhileReading, 'the check sees the reader holding the file').toBeGreaterThan(0);
      expect(await closedWithin(path, 2000), 'a descriptor on the file is still open').toBe(true);
    }
    expect((await collect(path)).dossiers).toHaveLength(5000);
  });
});
