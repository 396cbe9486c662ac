import { Controller, Delete, Get, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../auth/auth.decorators.js';
import { ValidBody } from '../common/zod-validation.js';
import { holidaySchema, workingHoursSchema, type HolidayDto, type WorkingHoursDto } from './working-hours.dto.js';
import { WorkingHoursService } from './working-hours.service.js';

@ApiTags('telephony')
@Controller('working-hours')
export class WorkingHoursController {
  constructor(private readonly workingHours: WorkingHoursService) {}

  @Get()
  view() {
    return this.workingHours.view();
  }

  @Put()
  @RequirePermissions('settings.manage')
  replace(@ValidBody(workingHoursSchema) dto: WorkingHoursDto) {
    return this.workingHours.replaceWeek(dto);
  }

  @Post('holidays')
  @RequirePermissions('settings.manage')
  addHoliday(@ValidBody(holidaySchema) dto: HolidayDto) {
    return this.workingHours.addHoliday(dto);
  }

  @Delete('holidays/:day')
  @RequirePermissions('settings.manage')
  removeHoliday(@Param('day') day: string) {
    return this.workingHours.removeHoliday(day);
  }
}
