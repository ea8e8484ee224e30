package io.tickwire.arena.server;

/** One line of a scoreboard: who, and their kills and deaths this match. */
public record ScoreRow(int entityId, String name, boolean bot, int kills, int deaths) {
}
