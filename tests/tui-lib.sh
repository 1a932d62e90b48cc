# Shared by the screen tests: the program in a private tmux server ($T,
# session "cchc"), keys sent with send-keys, the screen read with
# capture-pane (normalised to NFC), waiting for text, never sleeping a
# fixed time.  Needs $T, $db and $CCHC set by the test.

# The screen as text, in NFC (capture-pane gives combining marks apart).
screen() {
	$T capture-pane -p -t cchc 2>/dev/null |
	    perl -CSD -MUnicode::Normalize -ne 'print NFC($_)'
}

# wait_for TEXT: poll the screen (up to 10 s); 0 when TEXT shows.
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		screen | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	screen | sed 's/^/#   | /' >&2
	return 1
}

# wait_gone TEXT: poll until TEXT is no longer on the screen.
wait_gone() {
	i=0
	while [ $i -lt 200 ]; do
		screen | grep -qF -- "$1" || return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}

# stop_server: end the tmux server and the programs in it.  A program
# still running is killed first (SIGKILL): a hang-up would make one built
# with the sanitizers run its leak check with the terminal gone, and that
# has been seen to spin.  A screen test that wants the leak check quits
# the program itself before this.
stop_server() {
	for p in $($T list-panes -a -F '#{pane_pid}' 2>/dev/null); do
		pkill -KILL -P "$p" 2>/dev/null
	done
	$T kill-server 2>/dev/null
}

start() {	# start [ENV=VALUE...]: the program on $db in a 100x30 window
	stop_server
	# The old server may take a moment to go; retry until ours is up.
	i=0
	while [ $i -lt 100 ]; do
		$T new-session -d -s cchc -x 100 -y 30 "env -u LANGUAGE LANG=C.UTF-8 $* \
		    $CCHC --db $db; echo EXITED \$?; sleep 30" 2>/dev/null &&
		    $T has-session -t cchc 2>/dev/null && return 0
		i=$((i + 1))
		sleep 0.05
	done
	echo "# could not start tmux" >&2
	return 1
}

keys() { $T send-keys -t cchc "$@"; }
type_() { $T send-keys -t cchc -l "$1"; }
field() {	# field AGENCY ITEM COLUMN: a column of the export (RFC 4180)
	"$CCHC" --db "$db" export 2024 | A="$1" I="$2" C="$3" perl -CSD \
	    -MText::ParseWords -ne 'chomp; my @f = parse_line(",", 0, $_);
	    print $f[$ENV{C} - 1], "\n" if $f[0] eq $ENV{A} && $f[1] eq $ENV{I}'
}
