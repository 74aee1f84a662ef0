#ifndef BANTUBOX_STEPS_H
#define BANTUBOX_STEPS_H

#include "plan.h"

/* Runs every step of the plan in the cloned child, writing one journal record per step, and ends in
 * execve. Never returns: a failing step ends the child with 127 (command not found), 126 (command not
 * executable) or 125 (any other step). */
int run_child(void *plan);

#endif
