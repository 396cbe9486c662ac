import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermissions } from '../auth/auth.decorators.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import { ValidBody, ValidQuery } from '../common/zod-validation.js';
import { CardNotesService } from './card-notes.service.js';
import { ConsultationCardsService } from './consultation-cards.service.js';
import {
  cardsWithoutOpenTaskQuery,
  createCardDto,
  listCardsQuery,
  moveCardDto,
  noteDto,
  timelineQuery,
  updateCardDto,
  type CardsWithoutOpenTaskQuery,
  type CreateCardDto,
  type ListCardsQuery,
  type MoveCardDto,
  type NoteDto,
  type TimelineQuery,
  type UpdateCardDto,
} from './consultations.dto.js';
import { OpenTaskPolicyService } from './open-task-policy.service.js';

/** Consultation cards. Department rights apply everywhere: a card one may not see answers 404. */
@ApiTags('cards')
@ApiBearerAuth()
@Controller()
export class CardsController {
  constructor(
    private readonly cards: ConsultationCardsService,
    private readonly notes: CardNotesService,
    private readonly policy: OpenTaskPolicyService,
  ) {}

  @Get('cards')
  list(@ValidQuery(listCardsQuery) query: ListCardsQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.cards.list(query, user);
  }

  /** Policy report: active cards without an open task (within the caller's department rights). */
  @Get('cards/without-open-task')
  withoutOpenTask(
    @ValidQuery(cardsWithoutOpenTaskQuery) query: CardsWithoutOpenTaskQuery,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.policy.cardsWithoutOpenTask(
      { responsibleUserId: query.assignee, departmentId: query.department },
      user,
    );
  }

  /** The caller's active cards that need a next task before the desk lets them work on. */
  @Get('me/work-blockers')
  workBlockers(@CurrentUser() user: AuthenticatedUser) {
    return this.policy.workBlockers(user.id);
  }

  @Post('cards')
  @RequirePermissions('cards.edit')
  create(@ValidBody(createCardDto) dto: CreateCardDto, @CurrentUser() user: AuthenticatedUser) {
    return this.cards.create(dto, user);
  }

  @Get('cards/:id')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.cards.getVisible(id, user);
  }

  @Patch('cards/:id')
  @RequirePermissions('cards.edit')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(updateCardDto) dto: UpdateCardDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cards.update(id, dto, user);
  }

  @Post('cards/:id/move')
  @HttpCode(200)
  @RequirePermissions('cards.edit')
  move(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(moveCardDto) dto: MoveCardDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.cards.update(id, dto, user);
  }

  @Put('cards/:id/instruments/:code')
  @RequirePermissions('cards.edit')
  tick(@Param('id', ParseUUIDPipe) id: string, @Param('code') code: string, @CurrentUser() user: AuthenticatedUser) {
    return this.cards.tickInstrument(id, code, true, user);
  }

  @Delete('cards/:id/instruments/:code')
  @RequirePermissions('cards.edit')
  untick(@Param('id', ParseUUIDPipe) id: string, @Param('code') code: string, @CurrentUser() user: AuthenticatedUser) {
    return this.cards.tickInstrument(id, code, false, user);
  }

  @Get('cards/:id/stage-history')
  stageHistory(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.cards.stageHistory(id, user);
  }

  @Post('cards/:id/notes')
  @RequirePermissions('cards.edit')
  addCardNote(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(noteDto) dto: NoteDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.notes.addToCard(id, dto.body, user);
  }

  @Get('cards/:id/timeline')
  timeline(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidQuery(timelineQuery) query: TimelineQuery,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.notes.cardTimeline(id, user, query.cursor, query.limit);
  }

  @Post('contacts/:id/notes')
  @RequirePermissions('contacts.edit')
  addContactNote(
    @Param('id', ParseUUIDPipe) id: string,
    @ValidBody(noteDto) dto: NoteDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.notes.addToContact(id, dto.body, user);
  }
}
