import { m0010 } from './0010-initial';
import { m0020 } from './0020-billing';
import { m0030 } from './0030-bpjs';
import { m0040 } from './0040-settings';
import { m0050 } from './0050-users';
import { m0060 } from './0060-incidents';
import { m0080 } from './0080-login-throttle';
import { m0100 } from './0100-unit-aliases';
import { m0110 } from './0110-jp-retirement-age';
import { m0120 } from './0120-person-contact';
import { m0130 } from './0130-employer-registrations';
import { m0140 } from './0140-decree-attachment';
import { m0150 } from './0150-decree-effects';
import { m0160 } from './0160-person-exceptions';
import { m0170 } from './0170-invoice-registration';
import { m0180 } from './0180-bpjs-payment';
import { m0190 } from './0190-bpjs-templates';
import { m0200 } from './0200-na-reason-codes';
import { m0210 } from './0210-decree-number-reusable';
import { m0230 } from './0230-jp-cap-2020-2021';
import { m0240 } from './0240-invoice-sequence';
import { m0250 } from './0250-postgres-indexes-and-line-guard';
import { m0260 } from './0260-roster-change-token';
import { m0270 } from './0270-roster-order-indexes';
import type { Migration } from './types';

/** Every migration, in order. A new one is appended here with the next number (gaps of 10). */
export const MIGRATIONS: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0080, m0100, m0110, m0120, m0130, m0140, m0150, m0160, m0170, m0180, m0190, m0200, m0210, m0230, m0240, m0250, m0260, m0270];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
