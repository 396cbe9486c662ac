import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { TelephonySettingsRepository } from '../calls/telephony-settings.repository.js';
import { ApiError } from '../common/api-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { Database } from '../database/database-connection.js';
import { InjectDatabase } from '../database/database.module.js';
import { moldovaPublicHolidays } from './moldova-holidays.js';
import { DEFAULT_WEEKLY_HOURS, WorkingHoursCalendar } from './working-hours-calendar.js';
import type { HolidayDto, WorkingHoursDto } from './working-hours.dto.js';
import { WorkingHoursRepository } from './working-hours.repository.js';

const SYSTEM = { userId: null, label: 'system:working-hours' };
const CACHE_MS = 30_000;

/** Opening hours and holidays: seeded on first start (Mon–Fri 08:00–17:00, Moldovan holidays), editable by admins. */
@Injectable()
export class WorkingHoursService implements OnModuleInit {
  private cached?: { calendar: WorkingHoursCalendar; at: number };

  constructor(
    @InjectDatabase() private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: WorkingHoursRepository,
    private readonly settings: TelephonySettingsRepository,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.ensureDefaults();
  }

  /** First start only: the settings row, the default week and this year's and next year's public holidays. */
  async ensureDefaults(now = new Date()): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.settings.ensure(tx, { timeZone: this.config.locale.timeZone }))) return;
      await this.repository.replaceIntervals(tx, DEFAULT_WEEKLY_HOURS);
      const year = now.getUTCFullYear();
      const added = await this.repository.addHolidays(tx, [
        ...moldovaPublicHolidays(year),
        ...moldovaPublicHolidays(year + 1),
      ]);
      await this.audit.record(
        {
          action: 'create',
          entityType: 'working_hours',
          after: { intervals: DEFAULT_WEEKLY_HOURS, holidays: added.length },
          actor: SYSTEM,
        },
        tx,
      );
    });
  }

  /** The current calendar (cached briefly: the screen-pop and every missed call consult it). */
  async calendar(): Promise<WorkingHoursCalendar> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.calendar;
    const [intervals, holidays, settings] = await Promise.all([
      this.repository.intervals(),
      this.repository.holidays(),
      this.settings.get(),
    ]);
    const calendar = new WorkingHoursCalendar({
      timeZone: settings?.timeZone ?? this.config.locale.timeZone,
      intervals,
      holidays: holidays.map((h) => h.day),
    });
    this.cached = { calendar, at: Date.now() };
    return calendar;
  }

  async view() {
    const [intervals, holidays, settings] = await Promise.all([
      this.repository.intervals(),
      this.repository.holidays(),
      this.settings.get(),
    ]);
    return {
      timeZone: settings?.timeZone ?? this.config.locale.timeZone,
      intervals: intervals.map(({ weekday, opensAt, closesAt }) => ({ weekday, opensAt, closesAt })),
      holidays: holidays.map(({ day, name }) => ({ day, name })),
    };
  }

  async replaceWeek(dto: WorkingHoursDto) {
    const before = await this.view();
    await this.db.transaction(async (tx) => {
      await this.repository.replaceIntervals(tx, dto.intervals);
      if (dto.timeZone) await this.settings.update(tx, { timeZone: dto.timeZone });
      await this.audit.record(
        {
          action: 'update',
          entityType: 'working_hours',
          before: { timeZone: before.timeZone, intervals: before.intervals },
          after: dto,
        },
        tx,
      );
    });
    this.cached = undefined;
    return this.view();
  }

  async addHoliday(dto: HolidayDto) {
    await this.db.transaction(async (tx) => {
      const [row] = await this.repository.addHolidays(tx, [dto]);
      if (!row) throw ApiError.conflict('holiday_exists', `${dto.day} is already a holiday.`);
      await this.audit.record({ action: 'create', entityType: 'holiday', entityId: row.id, after: row }, tx);
    });
    this.cached = undefined;
    return this.view();
  }

  async removeHoliday(day: string) {
    await this.db.transaction(async (tx) => {
      const row = await this.repository.deleteHoliday(tx, day);
      if (!row) throw ApiError.notFound('Holiday', day);
      await this.audit.record({ action: 'delete', entityType: 'holiday', entityId: row.id, before: row }, tx);
    });
    this.cached = undefined;
    return this.view();
  }
}
