import { Controller, Get, HttpCode, Inject, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ValidBody } from '../common/zod-validation.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { changeOwnPasswordDto, updateOwnProfileDto, type UpdateOwnProfileDto } from '../users/users.dto.js';
import { UsersService } from '../users/users.service.js';
import { CurrentUser, Public } from './auth.decorators.js';
import { loginDto, type LoginDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import type { AuthenticatedUser } from './authenticated-user.js';
import { SESSION_COOKIE } from './session-token.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /** Returns a bearer token and also sets it as an httpOnly cookie (for the desk's audio players and downloads). */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@ValidBody(loginDto) dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.auth.login(dto.email, dto.password, { ip: req.ip, userAgent: req.headers['user-agent'] });
    res.cookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.auth.cookieSecure,
      expires: result.expiresAt,
      path: '/',
    });
    return result;
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout(user);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthenticatedUser) {
    return this.users.get(user.id);
  }

  /** My profile: `{ locale?, signatureHtml? }`; role, permissions and the rest stay with administrators (400). */
  @ApiBearerAuth()
  @Patch('me')
  updateMe(@CurrentUser() user: AuthenticatedUser, @ValidBody(updateOwnProfileDto) dto: UpdateOwnProfileDto) {
    return this.users.updateOwnProfile(user.id, dto);
  }

  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  async changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @ValidBody(changeOwnPasswordDto) dto: { currentPassword: string; newPassword: string },
  ) {
    await this.users.changeOwnPassword(user.id, dto.currentPassword, dto.newPassword);
  }
}
