/* The init's control fifo: halt, poweroff, reboot and shutdown, from any
   process of the container, write one byte to it [S1]. It works whether or
   not the init is PID 1, and at any moment of the boot [S5]. */
#ifndef BOSUN_CONTROL_H
#define BOSUN_CONTROL_H

#define CONTROL_HALT 'h'
#define CONTROL_POWEROFF 'p'
#define CONTROL_REBOOT 'r'

int control_setup (void) ;
int control_is_halt (char c) ;
int control_send (char c) ;

#endif
