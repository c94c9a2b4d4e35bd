#ifndef C_SPAWN_H
#define C_SPAWN_H

#include <spawn.h>

/// Adds a file action that closes every descriptor from `lowest` up in the child, before it
/// runs the program: glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and later), which
/// Swift cannot see because glibc declares it only for _GNU_SOURCE.
int c_spawn_add_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
