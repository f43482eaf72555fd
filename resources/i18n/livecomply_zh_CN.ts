<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CompactStrip</name>
    <message>
        <location filename="../../ui/compact_view.py" line="54"/>
        <source>LiveComply lights</source>
        <translation>直播合规助手 状态灯</translation>
    </message>
    <message>
        <location filename="../../ui/compact_view.py" line="57"/>
        <source>Double-click to open the main window</source>
        <translation>双击打开主窗口</translation>
    </message>
    <message>
        <location filename="../../ui/compact_view.py" line="67"/>
        <source>All required elements on screen</source>
        <translation>必需元素均在画面上</translation>
    </message>
    <message>
        <location filename="../../ui/compact_view.py" line="69"/>
        <source>Waiting for the first frame</source>
        <translation>等待第一帧画面</translation>
    </message>
</context>
<context>
    <name>EventsModel</name>
    <message>
        <location filename="../../ui/events_model.py" line="56"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/events_model.py" line="57"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/events_model.py" line="58"/>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <location filename="../../ui/events_model.py" line="59"/>
        <source>Article</source>
        <translation>条款</translation>
    </message>
    <message>
        <location filename="../../ui/events_model.py" line="60"/>
        <source>Snapshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <location filename="../../ui/events_model.py" line="101"/>
        <source>after {seconds} s</source>
        <translation>持续 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/events_model.py" line="124"/>
        <source>Double-click to open the evidence snapshot</source>
        <translation>双击查看证据截图</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="261"/>
        <location filename="../../ui/main_window.py" line="577"/>
        <source>Session {id}</source>
        <extracomment>How a test (or ``--source`` on the command line) replaces the configured source.</extracomment>
        <translation>会话 {id}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <source>Waiting for the first frame…</source>
        <translation>等待第一帧画面…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="283"/>
        <source>OCR {mode} {ms} ms</source>
        <translation>识别 {mode} {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>Price on screen differs from the rundown</source>
        <translation>画面价格与排期价格不一致</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>ad label zone</source>
        <translation>广告标识区</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>ad label missing</source>
        <translation>广告标识未找到</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375"/>
        <source>Expected zones saved and applied to the running check.</source>
        <translation>期望区域已保存，并已应用到正在进行的检查。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>Expected zones saved; they apply when monitoring starts.</source>
        <translation>期望区域已保存，将在开始监看时生效。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>LiveComply</source>
        <translation>直播合规助手</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="439"/>
        <source>Compliance alarm: {what}</source>
        <translation>合规警报：{what}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="477"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="479"/>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="484"/>
        <source>reconnecting in {s} s</source>
        <translation>{s} 秒后重连</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="485"/>
        <source>reconnecting…</source>
        <translation>重连中…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="487"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="489"/>
        <source>starting…</source>
        <translation>启动中…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="509"/>
        <source>Monitoring is not running, so nothing can be recorded: start monitoring first.</source>
        <translation>监看未运行，无法记录：请先开始监看。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="553"/>
        <source>Restart monitoring</source>
        <translation>重新开始监看</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="554"/>
        <source>Restart monitoring with the new settings now? The current evidence session ends.</source>
        <translation>现在按新设置重新开始监看吗？当前证据会话将结束。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="586"/>
        <source>Evidence snapshot</source>
        <translation>证据截图</translation>
    </message>
</context>
<context>
    <name>MainWindowView</name>
    <message>
        <location filename="../../ui/main_view.py" line="153"/>
        <source>Start monitoring</source>
        <translation>开始监看</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="154"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="155"/>
        <source>Compact mode</source>
        <translation>精简模式</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="156"/>
        <source>OBS connection…</source>
        <translation>OBS 连接…</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="157"/>
        <source>Edit expected zones</source>
        <translation>编辑期望区域</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="159"/>
        <source>Draw on the preview where each overlay is expected in this room</source>
        <translation>在预览画面上画出本直播间各个标识应在的位置</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="160"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="161"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="162"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="163"/>
        <source>Teleprompter</source>
        <translation>提词器</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="164"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../ui/main_view.py" line="165"/>
        <source>Starting… loading OCR and connecting the source</source>
        <translation>启动中…正在加载文字识别并连接画面来源</translation>
    </message>
</context>
<context>
    <name>ObsDialog</name>
    <message>
        <location filename="../../ui/obs_dialog.py" line="23"/>
        <source>Start OBS, then in Tools → WebSocket Server Settings tick “Enable WebSocket server” and check that the port matches.</source>
        <translation>请启动 OBS，在 工具 → WebSocket 服务器设置 中勾选“开启 WebSocket 服务器”，并核对端口是否一致。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="26"/>
        <source>Copy the password from Tools → WebSocket Server Settings → Show Connect Info, paste it above and test again.</source>
        <translation>请在 OBS 的 工具 → WebSocket 服务器设置 → 显示连接信息 中复制密码，粘贴到上方后重新测试。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="29"/>
        <source>This OBS requires a password: type it above (Tools → WebSocket Server Settings → Show Connect Info).</source>
        <translation>此 OBS 需要密码：请在上方输入（工具 → WebSocket 服务器设置 → 显示连接信息）。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="32"/>
        <location filename="../../ui/obs_dialog.py" line="34"/>
        <source>Check the host and port, and the firewall on the OBS PC.</source>
        <translation>请检查主机、端口，以及 OBS 电脑的防火墙。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="36"/>
        <source>Another program uses this port, or OBS is older than 28: check the port in OBS&apos;s WebSocket Server Settings.</source>
        <translation>该端口被其他程序占用，或 OBS 版本低于 28：请在 OBS 的 WebSocket 服务器设置中核对端口。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="39"/>
        <source>Update OBS to version 28 or newer.</source>
        <translation>请将 OBS 升级到 28 或更新版本。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="104"/>
        <source>A password is stored in {backend}; leave the field empty to keep it.</source>
        <translation>密码已保存在 {backend}；留空则保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="108"/>
        <source>No password stored. It will be kept in {backend}, never in a file.</source>
        <translation>尚未保存密码。密码只保存在 {backend}，不会写入文件。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="140"/>
        <source>Connecting to {host}:{port}…</source>
        <translation>正在连接 {host}:{port}…</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="149"/>
        <source>Connected: OBS {version}</source>
        <translation>连接成功：OBS {version}</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="150"/>
        <source>Program scene: {scene}; screenshot {ms} ms</source>
        <translation>节目场景：{scene}；截图 {ms} 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="171"/>
        <source>Password not saved</source>
        <translation>密码未保存</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="173"/>
        <source>Password saved in {backend}</source>
        <translation>密码已保存到 {backend}</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="186"/>
        <source>Keyring error</source>
        <translation>系统密钥库出错</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="188"/>
        <source>Stored password removed</source>
        <translation>已删除保存的密码</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog.py" line="189"/>
        <source>No password was stored</source>
        <translation>没有保存的密码</translation>
    </message>
</context>
<context>
    <name>ObsDialogView</name>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="79"/>
        <source>OBS connection</source>
        <translation>OBS 连接</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="81"/>
        <source>In OBS: Tools → WebSocket Server Settings → tick “Enable WebSocket server”, then “Show Connect Info” for the port and password.</source>
        <translation>在 OBS 中：工具 → WebSocket 服务器设置 → 勾选“开启 WebSocket 服务器”，再点“显示连接信息”查看端口和密码。</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="83"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="84"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="85"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="86"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="87"/>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="88"/>
        <source>Forget stored password</source>
        <translation>删除已保存的密码</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="89"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/obs_dialog_view.py" line="90"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../ui/session.py" line="87"/>
        <source>OBS not reachable ({reason}); showing the demo live room. Set up OBS under “OBS connection…”.</source>
        <translation>无法连接 OBS（{reason}），现在显示演示直播间。请在“OBS 连接…”中设置 OBS。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../ui/settings.py" line="80"/>
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="81"/>
        <source>Video source</source>
        <translation>画面来源</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="82"/>
        <source>OBS host</source>
        <translation>OBS 主机</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="83"/>
        <source>OBS port</source>
        <translation>OBS 端口</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="85"/>
        <source>Check profile</source>
        <translation>检查方案</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="86"/>
        <source>The host is an AI avatar</source>
        <translation>主播为数字人/虚拟主播</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="88"/>
        <source>Require the ad label only inside ad segments</source>
        <translation>仅在广告时段要求广告标识</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="89"/>
        <source>Evidence database</source>
        <translation>证据数据库</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="90"/>
        <source>Alarm sound</source>
        <translation>警报声音</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="91"/>
        <source>Alarm volume</source>
        <translation>警报音量</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="94"/>
        <source>Tray notifications</source>
        <translation>托盘通知</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="95"/>
        <source>Teleprompter font size</source>
        <translation>提词器字号</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="97"/>
        <source>Mirror teleprompter</source>
        <translation>提词器镜像</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="98"/>
        <source>Dark teleprompter</source>
        <translation>提词器深色</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="100"/>
        <source>Keep the compact strip on top</source>
        <translation>精简状态条置顶</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="101"/>
        <source>Window geometry</source>
        <translation>窗口位置</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="102"/>
        <source>Window layout</source>
        <translation>窗口布局</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="106"/>
        <source>Expected overlay zones per profile</source>
        <translation>各配置文件的期望区域</translation>
    </message>
    <message>
        <location filename="../../ui/settings.py" line="111"/>
        <source>Adjusted checks per profile</source>
        <translation>各检查方案的调整</translation>
    </message>
</context>
<context>
    <name>SettingsDialogView</name>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="71"/>
        <source>Text lower than this share of the frame height counts as not legible (1.5 % of a 1080 px tall frame is 16 px).</source>
        <translation>文字高度低于画面高度的这一比例即视为不清晰（1080 像素高的画面中 1.5 % 为 16 像素）。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="78"/>
        <source>Smallest text, landscape</source>
        <translation>最小字高（横屏）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="82"/>
        <source>Smallest text, portrait</source>
        <translation>最小字高（竖屏）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="86"/>
        <source>Minimum contrast</source>
        <translation>最低对比度</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="88"/>
        <source>Contrast between a label&apos;s text and its background (WCAG ratio, 1 to 21; 4.5 : 1 reads easily).</source>
        <translation>标识文字与背景的对比度（WCAG 对比度，1 至 21；4.5 : 1 易于阅读）。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="93"/>
        <source>Largest covered share</source>
        <translation>最大遮挡比例</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="95"/>
        <source>A label covered more than this (by a sticker, a product, a hand) counts as covered.</source>
        <translation>标识被遮挡（贴纸、商品、手等）超过此比例即视为被遮挡。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="104"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="112"/>
        <source>Clear the alarm after back for</source>
        <translation>恢复多久后解除报警</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="114"/>
        <source>Seconds an element must be back on screen before its alarm clears.</source>
        <translation>元素重新出现并持续这么多秒后，报警才解除。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="119"/>
        <source>Frames checked per second</source>
        <translation>每秒检查帧数</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="121"/>
        <source>More frames per second notice a change sooner and cost more CPU.</source>
        <translation>每秒检查的帧越多，发现变化越快，但占用更多 CPU。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="304"/>
        <source>≈ {px} of {height} px</source>
        <translation>≈ {height} 像素中的 {px} 像素</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="309"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="310"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="311"/>
        <source>Check profile</source>
        <translation>检查方案</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="315"/>
        <source>Source: auto uses OBS when it answers and the demo room otherwise; or write obs, obs:HOST:PORT, screen, screen:x,y,w,h, device:N, file:PATH, demo. Changing source or profile restarts monitoring (a new evidence session).</source>
        <translation>来源：auto 表示 OBS 可连接时用 OBS，否则用演示直播间；也可填写 obs、obs:主机:端口、screen、screen:x,y,w,h、device:N、file:路径、demo。更改来源或检查方案会重新开始监看（新的证据会话）。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="318"/>
        <source>Required on screen</source>
        <translation>必须在屏的元素</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="321"/>
        <source>AI label in every show</source>
        <translation>每场都要求AI标识</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="322"/>
        <source>The AI label is also required whenever “The host is an AI avatar” is ticked (001 第三十条), whatever this box says.</source>
        <translation>勾选“主播为数字人/虚拟主播”时，无论此项如何，AI标识都必须在屏（001 第三十条）。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="326"/>
        <source>Legibility</source>
        <translation>清晰度</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="327"/>
        <source>Alarm timing</source>
        <translation>报警时机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="328"/>
        <source>Alarm when missing for longer than:</source>
        <translation>元素缺失超过以下时间即报警：</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="337"/>
        <source>Reset to the profile&apos;s values</source>
        <translation>恢复方案文件中的值</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="339"/>
        <source>Adjustments are kept on this PC for the chosen profile (the profile file is not changed) and recorded with each session. Changing them restarts monitoring.</source>
        <translation>调整只保存在本机、仅对所选检查方案生效（不修改方案文件），并随每次会话记录。更改后会重新开始监看。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="341"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog_view.py" line="342"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../ui/status.py" line="26"/>
        <source>Ad label</source>
        <translation>广告标识</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="27"/>
        <source>AI label</source>
        <translation>AI标识</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="28"/>
        <source>Merchant info</source>
        <translation>商家信息</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="29"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="30"/>
        <source>Banned terms</source>
        <translation>违禁词</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="31"/>
        <source>QR code</source>
        <translation>二维码</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="32"/>
        <source>Price comparison</source>
        <translation>比价信息</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="35"/>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="36"/>
        <source>not legible</source>
        <translation>不清晰</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="37"/>
        <source>covered</source>
        <translation>被遮挡</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="38"/>
        <source>in the wrong place</source>
        <translation>位置不符</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="39"/>
        <location filename="../../ui/status.py" line="201"/>
        <source>on screen</source>
        <translation>在画面上</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="40"/>
        <source>incomplete</source>
        <translation>不完整</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="41"/>
        <source>recovered</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="42"/>
        <source>closed</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="43"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="44"/>
        <source>not required</source>
        <translation>本场不要求</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="47"/>
        <source>Violation</source>
        <translation>违规开始</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="48"/>
        <source>Recovered</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="49"/>
        <source>Still open</source>
        <translation>违规持续</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="50"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="51"/>
        <source>Disconnected</source>
        <translation>连接断开</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="52"/>
        <source>Reconnecting</source>
        <translation>重连中</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="53"/>
        <source>Scene changed</source>
        <translation>场景切换</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="54"/>
        <source>Source error</source>
        <translation>来源错误</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="55"/>
        <source>Ad segment start</source>
        <translation>广告时段开始</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="56"/>
        <source>Ad segment end</source>
        <translation>广告时段结束</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="125"/>
        <source>Banned term “{term}” on screen for {seconds} s</source>
        <translation>违禁词“{term}”出现 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="129"/>
        <source>QR code on screen for {seconds} s</source>
        <translation>二维码出现 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="130"/>
        <source>{element} {status} for {seconds} s</source>
        <translation>{element}{status} {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="177"/>
        <source> (+{n} more)</source>
        <translation>（另有 {n} 项）</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="181"/>
        <source>waiting for the first frame</source>
        <translation>等待第一帧画面</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="186"/>
        <source>“{term}” seen, confirming</source>
        <translation>发现“{term}”，确认中</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="191"/>
        <source>QR code seen, confirming</source>
        <translation>发现二维码，确认中</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="192"/>
        <source>none on screen</source>
        <translation>画面无违禁词</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="200"/>
        <location filename="../../ui/status.py" line="203"/>
        <source>outside ad segment</source>
        <translation>非广告时段</translation>
    </message>
    <message>
        <location filename="../../ui/status.py" line="206"/>
        <source>{element} {status}, confirming</source>
        <translation>{element}{status}，确认中</translation>
    </message>
</context>
<context>
    <name>TeleprompterController</name>
    <message>
        <location filename="../../ui/teleprompter.py" line="93"/>
        <location filename="../../ui/teleprompter.py" line="111"/>
        <location filename="../../ui/teleprompter.py" line="119"/>
        <source>Import rundown</source>
        <translation>导入排期</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="94"/>
        <source>Rundown (*.xlsx *.csv);;All files (*)</source>
        <translation>商品排期 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="101"/>
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="116"/>
        <source>{name} has {n} problem(s); nothing was imported:</source>
        <translation>{name} 有 {n} 处问题，未导入：</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="132"/>
        <source>{n} products loaded from {name}.</source>
        <translation>已从 {name} 导入 {n} 个商品。</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="135"/>
        <source>Negative list (000 art. 6) — remove or justify before going live:</source>
        <translation>负面清单（000 第六条）——开播前请移除或登记理由：</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="148"/>
        <source>Could not record “{kind}”: {error}</source>
        <translation>无法记录“{kind}”：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="170"/>
        <location filename="../../ui/teleprompter.py" line="256"/>
        <source>Import a rundown first.</source>
        <translation>请先导入商品排期。</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="183"/>
        <source>The ad segment has no end cue yet.</source>
        <translation>广告时段尚未口播结束提示。</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="185"/>
        <source>Not said yet</source>
        <translation>尚未口播</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="186"/>
        <source>These were not ticked as said:</source>
        <translation>以下提醒尚未勾选为已说：</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="187"/>
        <source>Move on and record them as unsaid?</source>
        <translation>仍然切换，并记录为未口播吗？</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="231"/>
        <location filename="../../ui/teleprompter.py" line="245"/>
        <source>Say: “{cue}”</source>
        <translation>请说：“{cue}”</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="262"/>
        <source>Correction recorded.</source>
        <translation>纠错已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="280"/>
        <source>Teleprompter</source>
        <translation>提词器</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="321"/>
        <source>Import a rundown, then press &quot;Go live&quot;.</source>
        <translation>请导入商品排期，然后点“开播”。</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="322"/>
        <source>Ready: press &quot;Go live&quot; to start on the first product.</source>
        <translation>准备就绪：点“开播”从第一个商品开始。</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="341"/>
        <source>No product on air</source>
        <translation>当前无商品</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="343"/>
        <source>AD</source>
        <translation>广告中</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="348"/>
        <source>Next: {name}</source>
        <translation>下一个：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="349"/>
        <source>Last product</source>
        <translation>最后一个商品</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="351"/>
        <source>No rundown loaded</source>
        <translation>未导入排期</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter.py" line="378"/>
        <source> (optional)</source>
        <translation>（可选）</translation>
    </message>
</context>
<context>
    <name>TeleprompterView</name>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="196"/>
        <source>Import rundown…</source>
        <translation>导入排期…</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="197"/>
        <source>Go live</source>
        <translation>开播</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="198"/>
        <source>Say and tick (Space ticks the next one)</source>
        <translation>口播并勾选（空格键勾选下一条）</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="199"/>
        <source>◀ Previous</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="200"/>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="201"/>
        <source>Ad start</source>
        <translation>广告开始</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="202"/>
        <source>Ad end</source>
        <translation>广告结束</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="203"/>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="204"/>
        <source>Type size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="205"/>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="206"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="207"/>
        <source>Correction (R1, 001 art. 35)</source>
        <translation>纠错（R1，001 第三十五条）</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="208"/>
        <source>Said wrongly</source>
        <translation>说错的内容</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="209"/>
        <source>Corrected to</source>
        <translation>更正为</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="210"/>
        <source>Record correction</source>
        <translation>记录纠错</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="211"/>
        <source>e.g. price 59</source>
        <translation>例：价格 59 元</translation>
    </message>
    <message>
        <location filename="../../ui/teleprompter_view.py" line="212"/>
        <source>e.g. price 69</source>
        <translation>例：价格 69 元</translation>
    </message>
</context>
<context>
    <name>ZoneEditorBar</name>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="84"/>
        <source>Edit expected zones</source>
        <translation>编辑期望区域</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="85"/>
        <source>Element:</source>
        <translation>元素：</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="88"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="89"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="90"/>
        <source>Delete zone</source>
        <translation>删除区域</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="91"/>
        <source>Delete the selected zone (Delete key)</source>
        <translation>删除选中的区域（Delete 键）</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="92"/>
        <source>Clear this element</source>
        <translation>清除该元素的区域</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="93"/>
        <source>Remove every zone of the selected element</source>
        <translation>删除所选元素的全部区域</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="94"/>
        <source>Reset to the profile&apos;s zones</source>
        <translation>恢复配置文件的区域</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="96"/>
        <source>Forget the zones drawn on this PC and use those in the profile file</source>
        <translation>丢弃在本机画的区域，改用配置文件中的区域</translation>
    </message>
    <message>
        <location filename="../../ui/zone_editor_view.py" line="98"/>
        <source>Drag on the preview to draw where the element is expected; click a zone to select it. A found element whose centre is outside all its zones is misplaced.</source>
        <translation>在预览画面上拖动鼠标，画出该元素应在的位置；单击区域可选中。识别到的元素中心若不在其任何区域内，即判为位置不符。</translation>
    </message>
</context>
</TS>
