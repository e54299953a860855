# Player-facing strings of the code, in English (Fluent syntax: https://projectfluent.org).
# Content files carry their own text. `{ $name }` is a value the game fills in; a number
# selects a plural form: `{ $count -> [one] … *[other] … }`.

phase-news = News
phase-policy = Policy
phase-resolution = Resolution
phase-afghanistan = Afghanistan
phase-review = Review
phase-over = Game over
quadrant-strong-moderate = Strong and moderate Taliban
quadrant-strong-radical = Strong and radical Taliban
quadrant-weak-contained = Weak Taliban, contained conflict
quadrant-weak-proxy = Weak Taliban, proxy war
log-round = Round { $round } begins ({ $era }).
log-era = A new era: { $era }.
log-event = News: { $card }.
log-event-punctuated = News: { $card }
log-injected = The teacher puts “{ $card }” on top of the next news.
log-event-skipped = { $card } could not happen now and is set aside.
log-choice-offered = { $state } must choose: { $prompt }
log-choice-made = { $state } chose: “{ $option }”.
log-posture = { $state } takes a { $posture } posture.
log-action = { $state }: { $action }.
log-action-fizzled = { $state } could not carry out { $action } any more.
log-card = { $state } plays { $card }.
log-power = { $power } reacts.
log-track = { $who }{ $track }: { $from } → { $to }.
log-spawn = { $kindid ->
        [refugees] { $count } { $kind } { $count ->
            [one] needs
           *[other] need
        } shelter in { $region }.
       *[other] { $count } { $kind } { $count ->
            [one] appears
           *[other] appear
        } in { $region }.
    }
log-cross = { $kindid ->
        [refugees] A { $kind } crosses from { $from } into { $to }, seeking refuge.
       *[other] A { $kind } crosses from { $from } into { $to }.
    }
log-remove = { $kindid ->
        [refugees] { $count } { $kind } { $count ->
            [one] finds
           *[other] find
        } shelter in { $region }.
       *[other] { $count } { $kind } removed from { $region }.
    }
log-fade = { $kindid ->
        [refugees] { $kind } in { $region } return home or move on.
       *[other] { $kind } in { $region } disperse.
    }
log-move = { $kindid ->
        [refugees] { $count } { $kind } { $count ->
            [one] goes
           *[other] go
        } from { $from } to { $to }.
       *[other] { $count } { $kind } moved from { $from } to { $to }.
    }
log-porosity = The border { $a }–{ $b } is now porosity { $value }.
log-lasting-added = { $name } is in play for { $rounds } { $rounds ->
        [one] round
       *[other] rounds
    }.
log-lasting-ended = { $name } ends.
log-join = { $state } joins { $org }.
log-leave = { $state } leaves { $org }.
log-draw = { $state } draws { $count } policy { $count ->
        [one] card
       *[other] cards
    }.
log-quadrant = Afghanistan moves into a new scenario: { $quadrant }.
log-summit = { $summit } meets.
log-collapse = Regional stability has collapsed: every state loses.
log-winner = The game ends. { $state } wins with { $score } points.
log-tie = The game ends in a tie at { $score } points.
log-bot = { $state } (bot): { $reason }
log-journal = { $state }’s journal: “{ $text }”
bot-posture-dual = threats are high (security { $security }, quadrant { $quadrant }): lean on Moscow and Beijing
bot-posture-multi = the region is calm enough (security { $security }): keep every door open
bot-posture-forced = { $posture }, as the experiment requires
bot-posture-weighed = { $posture }: over the coming rounds it serves my agenda best
bot-posture-valued = { $posture }: worth { $value } to my agenda this round, with what it brings, what it costs and the orders it opens; { $other }: { $other-value }
bot-action = { $action }, worth about { $value } to my agenda
bot-card = play { $card }, worth about { $value } to my agenda
bot-confirm = nothing left worth its cost; done
bot-choice = choose "{ $option }", worth about { $value } to my agenda
bot-searched = { $pick }: expected result { $value }% (wins { $win }%, agenda { $score }%); next best, { $alt }: { $alt-value }%; over { $playouts } look-ahead { $playouts ->
        [one] game
       *[other] games
    }
bot-searched-alone = { $pick }: expected result { $value }% (wins { $win }%, agenda { $score }%) over { $playouts } look-ahead { $playouts ->
        [one] game
       *[other] games
    }
bot-only = { $pick }: nothing else worth weighing
bot-pick-card = play { $card }
bot-pick-confirm = stop here and confirm my orders
bot-pick-option = choose "{ $option }"
ui-round = Round { $round } of { $rounds } – { $era } – { $phase }
ui-collapse = Regional stability collapsed: every state loses.
ui-pass-to = Pass the device to { $state }. Nobody else should look now.
ui-ready = I am ready
ui-continue = Continue
ui-game-over = The game is over.
ui-others-deciding = The other states are deciding…
ui-undo = Undo the last order
ui-confirm = Confirm my orders
ui-your-orders = { $state }: your orders ({ $left } action { $left ->
        [one] point
       *[other] points
    } left)
ui-guide = Guide: { $text }
ui-tip-threats = On its ground: { $threats }
ui-tip-none = none
ui-tip-border = Border with { $region }: { $km } km, porosity { $porosity } of { $max }{ $crossings }
ui-log-all = all states
ui-log-filter = Log ({ $who }; F: filter by state, PageUp/PageDown: scroll, End: newest)
ui-log-back = – { $n } { $n ->
        [one] line
       *[other] lines
    } back
ui-debrief = Debrief
ui-debrief-winner = { $state } wins: its national interest is best served.
ui-debrief-tie = The best national interests are tied: no single winner.
ui-debrief-scores = National interest (percent of each agenda's best):
ui-debrief-events = The news and every state's decisions, round by round:
ui-debrief-keys = The essay's claims beside this game, then the news and every decision round by round, are in the panel on the right. Esc opens the menu.
ui-menu = Menu
ui-menu-resume = Back to the game
ui-menu-save = Save the game…
ui-menu-new = New game…
ui-menu-quit = Quit
ui-saved = Saved to { $path }.
ui-save-failed = Could not save: { $error }
ui-seed = seed { $seed }
ui-menu-scale = Interface size: { $pct }%
ui-menu-palette = Colour-blind-safe palette: { $on }
ui-debrief-journal = journal: “{ $text }”
ui-journal-empty = Journal: why these orders? (optional)
ui-journal-typing = Journal: { $text }▌
ui-journal-line = Journal: “{ $text }”
ui-journal-detail = One line on why this posture and these orders, kept with your confirm in the log, the save and the debrief. Other states read it once the orders are revealed. Enter ends typing.
ui-menu-projector = Projector mode: { $on }
ui-projector-detail = For a class watching one screen: everything a third larger, and no state's hand or orders shown except while that state is deciding.
ui-menu-motion = Reduced motion (no movement on the board): { $on }
ui-menu-detail = Detailed descriptions of violence: { $on }
ui-detail-detail = Off: cards' notes name violence briefly. On: some notes add a fuller account (for older classes).
ui-menu-fullscreen = Full screen: { $on }
ui-on = on
ui-off = off
ui-bots-easy = easy
ui-bots-normal = normal
ui-bots-hard = hard
ui-bots-strong = strong
ui-bots-detail = Easy bots judge loosely and give at most two orders a round; normal bots weigh each posture by what it would bring their agenda this round, hard bots count its recurring effects twice; strong bots play each option forward in many sampled games before they decide (and say in the log how it came out).
ui-bot-thinking = { $state } is thinking: { $done } of { $total } look-ahead games played…
ui-beyond-essay = Beyond the essay: { $what }
ui-card-news = News
ui-card-policy = Policy card · cost { $cost }
ui-source-own = the essay's own argument
ui-source-unfootnoted = the essay, no footnote
ui-title = Amu Darya
ui-subtitle = Central Asia after the fall of Kabul, 2021: a strategy game for one to five players.
ui-title-note = Govern Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan or Uzbekistan. Each season, choose between multi-vector diplomacy (Russia, China and the West all in play) and dual-vector diplomacy (lean on Moscow and Beijing), while Afghanistan drifts between four scenarios and threats cross its borders. States nobody plays are bots that explain their choices.
ui-keys = A: bots play every seat · F: filter the log · , .: regions · H: how to play · Esc: menu
ui-keys-over = N: new game · P: printable report · H: how to play · Esc: menu
ui-keys-auto = A: take your seats back · F: filter the log · H: how to play · Esc: menu
ui-back = Back
ui-menu-load = Load a saved game…
ui-menu-settings = Settings…
ui-menu-help = How to play
ui-menu-title = Title screen (the game is autosaved)
ui-continue-autosave = Continue: { $save }
ui-autosave = Autosave
ui-slot = Slot { $n }
ui-load-heading = Load a saved game
ui-save-heading = Save the game into a slot
ui-save-line = { $level }, round { $round } ({ $who })
ui-save-bots = bots only
ui-save-empty = empty
ui-save-unreadable = cannot be read
ui-save-replace = replace { $save }
ui-no-save = There is no save at { $where }.
ui-settings-heading = Settings (kept for next time)
ui-scale-detail = Larger text and controls, for a projector or a large screen; the layout also grows with the window.
ui-menu-language = Language: { $lang }
ui-language-name = English
ui-language-detail = The interface, and the cards wherever they are translated.
ui-help-heading = How to play
help-goal = You govern a Central Asian state after the Taliban took Kabul in August 2021. Your aim is your national interest: the tracks your state's agenda values (security, economy, autonomy, ties and dependencies with Russia, China and the West), shown as a percentage in the table at the right. If regional stability reaches 0, every state loses together.
help-round = Each round is a season. News: event cards are revealed (read them, then press Enter). Policy: you set your posture and spend 3 action points on actions and policy cards, in secret; Backspace undoes, Enter confirms. Resolution: all orders are revealed and resolved; Russia, China and the West react. Afghanistan: the Taliban move with what the neighbours did, and threats spawn and cross the borders. Review: threats cost the states they are in, running costs are paid, summits meet.
help-postures = Multi-vector keeps every door open: autonomy and Western ties grow while great-power rivalry is low, but it protects less as rivalry rises. Dual-vector brings Russian and Chinese security help and money, at the cost of autonomy and Western ties, and builds dependency.
help-map = The map shows Afghanistan's regions and its neighbours. Dots are militants, narcotics and groups of displaced people. A border's colour shows how porous it is, from sealed to wide open; all three cross porous borders more often. Point at a region (or step through them with , and .) for what is there and its borders.
help-win = Afghanistan is always in one of Kazantsev's four scenarios (the lit square at the top right): a strong and moderate Taliban is the best for the neighbours, a weak Taliban in a proxy war the worst. After the last round the best national interest wins; the debrief shows how every state fared, round by round.
help-keys = Keys: every control shows its key in brackets. Tab moves between controls and Enter or Space presses the one in focus. Esc opens the menu (save, load, settings) or goes back. The arrow keys, + and - and the right mouse button move and zoom the map; F filters the log by state, PageUp and PageDown scroll it; A lets the bots play every seat.
ui-new-heading = New game
ui-new-note = Choose a level (1–{ $n }; Tab reaches every level), then who plays each state (its key switches between a person and a bot: easy, normal, hard, strong). The same level and seed give every group the same deck in the same order: share them as a class code.
ui-level-line = { $name } ({ $rounds } { $rounds ->
        [one] round
       *[other] rounds
    })
ui-level-broken = 
    This level does not load:
    { $error }
ui-seat-human = a person
ui-seat-bot = bot ({ $strength })
ui-all-bots = Every state a bot (watch the game)
ui-seed-row = Seed: { $seed } (press to type another)
ui-seed-typing = Seed: { $seed }_ (type digits, then Enter; Esc keeps the old one)
ui-seed-detail = The seed decides the deck and every random draw: the same level and seed give the same game.
ui-new-seed = A new random seed
ui-start = Start the game ({ $n ->
        [one] one state
       *[other] { $n } states
    } played by people)
ui-start-watch = Start the game (bots only: watch)
ui-bots-playing = The bots are playing every seat. Press A to take your seats back.
ui-news-heading = Round { $round }: the news
ui-round-over = Round { $round } is over: read the log below, then continue.
ui-orders-so-far = Orders so far: { $orders }
ui-posture-locked = (A posture is set before any action or card: undo those to change it.)
ui-confirm-detail = Lock in this round's orders; the others do not see them until everyone has confirmed.
ui-undo-detail = Take back the last order given this round.
ui-closed-only = Only some states may take this.
ui-closed-round = Already taken this round.
ui-closed-cond = Not possible now: its condition does not hold.
ui-card-given = Ordered this round (Backspace takes the last order back).
ui-autosave-prev = Previous autosave
ui-autosave-damaged = The autosave is damaged and cannot be loaded: { $error }
ui-continue-previous = Continue the previous autosave: { $save }
ui-save-over = finished
report-title = { $level } (class code: seed { $seed })
report-scores = National interest: { $scores }
report-log = What happened, round by round:
report-round = Round { $round }
report-tracks = The region, round by round (at the end of each round):
ui-closed-hand = Not in your hand.
ui-closed-cost = Costs { $cost } action { $cost ->
        [one] point
       *[other] points
    }, more than are left.
ui-legend-sealed = sealed border
ui-legend-open = open border
ui-chart-score = National interest (%)
ui-debrief-course = { $rounds } of { $of } rounds played; Afghanistan ended as: { $quadrant }.
ui-debrief-charts = Each state's tracks over the rounds (a line per state, in its colour), then the tracks the region shares; each chart runs from the track's lowest value to its highest:
ui-debrief-round = Round { $round } – news: { $news }
ui-report = Save the printable report
ui-report-detail = One web page to open in any browser and print: the essay's claims beside this game, a chart of every track, the news with notes and sources, every decision with its journal line.
ui-report-saved = The report is saved: { $path }.
cli-no-gui = This build of amu-darya has no window: it was built without the `gui` feature. Rebuild with default features (`cargo run --release`) to play, or use `sim`, `validate` and `replay`.
ui-posture-costs = In this posture: { $costs }.
ui-cost-if = { $cost } if { $posture }
ui-group-posture = Posture (set it first: it changes what some actions cost)
ui-group-orders = Orders
ui-group-actions = Actions (cost in action points)
ui-group-hand = Your hand: policy cards (each played once)
ui-agenda = Your agenda, what your score counts: { $agenda }
log-with-effects = { $line } { $effects }
log-change = { $who }{ $track } { $from }→{ $to }
log-no-change = (nothing changes)
table-state = state
table-posture = posture
table-security = sec.
table-economy = econ.
table-autonomy = aut.
table-ties = ties
table-dependency = depend.
states-ties = Ties
states-dependency = Dependency
table-score = score
ui-table-legend = ▶ played by a person · ? a new posture stays secret until the orders are revealed · ▲▼ change over the last round · %: national interest, share of the agenda's best
ui-chart-rounds = rounds 1 to { $rounds }

# Joining a class on a classroom host (the window).
ui-menu-join = Join a class…
ui-menu-join-detail = Play your group's state in a game your teacher hosts (amu-darya host)
ui-join-heading = Join a class
ui-join-note = Type the address your teacher gives (for example 192.168.1.20:8080) and your table's join code, pick your state, and press Enter. Your seat is kept: if the network drops or the window closes, R takes it back.
ui-join-address = Host address
ui-join-address-detail = host:port, as the teacher's screen shows it
ui-join-code = Join code
ui-join-typing = { $field }: { $text }▏ (Enter to keep)
ui-join-projector = Projector (the public view, no state)
ui-join-go = Join
ui-join-rejoin = Take back your seat
ui-join-rejoin-detail = { $state } at { $url }
ui-join-missing = Type the host's address and the join code first (A and C).
ui-class-connecting = Connecting to { $url }…
ui-class-lost = The connection to the host is lost ({ $error }): trying again…
ui-class-refused = The host says: { $reason }
ui-class-report = This game was played on the class's host: its save, for the debrief and the report, is on the teacher's console (Download save).
ui-class-content = The host plays the level “{ $level }”, which this game cannot load the same ({ $error }): use the same version of the game as the host.

## The HTML debrief (report --html, the window's printable report)
html-subtitle = A debrief of one game of Amu Darya, a teaching game on Central Asian security after the Taliban took Kabul in 2021. Everything in it comes from the game's log; the claims are the essay's.
html-scores-note = National interest: each state's own agenda, weighted (see the rules). A collapse of regional stability means every state loses.
html-in-progress = The game is still in progress (round { $round }).
html-essay-heading = The essay's claims and this game
html-essay-intro = The game was built from an essay on Central Asian security after 2021. Here each of its main claims stands beside what happened in this game. A game is not evidence: its rules were written from the same essay. Use it to ask where the claims hold and where they strain.
html-essay-says = The essay says
html-game-did = In this game
html-journal-heading = What the groups wrote in their journals
html-no-journal = No group wrote in the decision journal in this game.
html-model-caveat = What the model assumes beyond the essay: each state's agenda weights, the numbers of every rule, and the bots' choices are the designers' (see the teacher's guide, section 11, “What the model assumes that the essay does not”).
html-tracks-heading = Every track, round by round
html-rounds = round
html-quoted = “{ $text }”
html-played = Played: { $card }
html-numbers = The numbers
html-rounds-heading = Round by round: the news and each state's decisions
html-injected = put on top by the teacher
html-source = Source: { $source }
html-log-open = Show the whole log
html-footer = Made by Amu Darya from the game's log. The game replays exactly from its save (state { $hash }).
essay-claim-threats = The takeover changed less than feared: terrorism, drug trafficking and displacement are old problems the region already knows how to handle.
essay-game-threats = Militants, narcotics and displaced people crossed into the five states { $count } { $count ->
        [one] time
       *[other] times
    } ({ $kinds }); the states' security was { $from } on average at the start and { $to } at the end.
essay-claim-state = One thing changed: the Taliban must now build a state, which needs trade and recognition, and that gives the neighbours leverage.
essay-game-state = Over { $rounds } { $rounds ->
        [one] round
       *[other] rounds
    } the region's engagement with Kabul added up to { $engagement } and its pressure to { $pressure }; the Taliban's course went from { $from } to { $to } (0 moderate, 10 radical).
essay-claim-strong = A strong Taliban government, above all a moderate one, is better for the neighbours than a weak one.
essay-stretch = { $scenario } (rounds { $from }–{ $to }, stability { $stability } on average)
essay-game-strong = Afghanistan went through: { $stretches }. Regional stability went from { $from } to { $to }.
essay-claim-shift = What really matters is the global power shift: the American chapter is closed, and Russia and China set the terms.
essay-game-shift = On average the states' ties with the West went from { $west0 } to { $west1 }, with Russia from { $russia0 } to { $russia1 }, with China from { $china0 } to { $china1 }; great-power rivalry went from { $rivalry0 } to { $rivalry1 }.
essay-claim-dual = Multi-vector diplomacy is pushed toward dual-vector, and the region does best when it speaks with one voice.
essay-era-dual = { $era }: { $dual } of { $all } state-rounds dual-vector
essay-game-dual = { $eras }. Three or more states spoke with one voice in { $joint } of { $rounds } { $rounds ->
        [one] round
       *[other] rounds
    }.

## The class table (amu-darya class)
class-title = { $level } (class code: seed { $seed }): { $groups } { $groups ->
        [one] game
       *[other] games
    } side by side
class-intro = Each column is one group's game of the same class code: the same level, seed and news deck whenever the same cards could come up.
class-outcome = Outcome
class-scenarios-head = Scenarios Afghanistan went through
class-scenarios = Scenarios: { $list }
class-stretch = { $scenario } (rounds { $from }–{ $to })
class-postures = Postures round by round ({ $legend }):
class-score = score { $score }
