<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../app/autosave.py" line="198"/>
        <source>The studio could not rename {path} to {kept}: {error}. The file stays at {path}, and the studio does not autosave over it while it is there. Move it to another folder to keep it, or delete it when you no longer need it.</source>
        <translation>工作室无法将 {path} 重命名为 {kept}：{error}。该文件仍在 {path}，在它移走之前，工作室不会用自动保存覆盖它。如需保留，请将其移到其他文件夹；不再需要时请删除它。</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="241"/>
        <source>it is not UTF-8 text</source>
        <translation>它不是 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="243"/>
        <source>it is not JSON (line {line}, column {column})</source>
        <translation>它不是 JSON（第 {line} 行，第 {column} 列）</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="247"/>
        <source>its lists or objects nest more deeply than Python can read</source>
        <translation>其中的列表或对象嵌套层数过多，Python 无法读取</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="369"/>
        <source>Restore design</source>
        <translation>恢复设计</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="371"/>
        <source>The studio did not close properly last time. Restore the design that was open?</source>
        <translation>工作室上次未正常关闭。是否恢复当时打开的设计？</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="406"/>
        <source>it is not in the encrypted form v2:KEY_ID:BASE64 that the studio writes</source>
        <translation>它不是工作室写入的加密格式 v2:KEY_ID:BASE64</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="498"/>
        <source>The autosave file {path} cannot be read: {reason}.</source>
        <translation>无法读取自动保存文件 {path}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="508"/>
        <source>The autosave file {path} cannot be read: {reason}. It was kept as {kept}, and the studio cannot restore a design from it. Delete {kept} when you no longer need it.</source>
        <translation>无法读取自动保存文件 {path}：{reason}。该文件已保留为 {kept}，工作室无法从中恢复设计。不再需要时请删除 {kept}。</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="524"/>
        <source>The design saved when the studio last stopped cannot be decrypted with the key file {key_file}: {error}.</source>
        <translation>工作室上次停止时保存的设计无法用密钥文件 {key_file} 解密：{error}。</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="535"/>
        <source>The design saved when the studio last stopped cannot be decrypted with the key file {key_file}: {error}. It was kept as {kept}. To restore it, quit, put back the key file that was in use then, rename {kept} to {name} and start the studio again.</source>
        <translation>工作室上次停止时保存的设计无法用密钥文件 {key_file} 解密：{error}。该文件已保留为 {kept}。如需恢复，请退出，放回当时使用的密钥文件，将 {kept} 重命名为 {name}，然后重新启动工作室。</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="566"/>
        <source>Autosave not restored</source>
        <translation>未恢复自动保存</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="599"/>
        <source>The design saved when the studio last stopped cannot be opened, because the catalog rejects these values:
{reason}</source>
        <translation>工作室上次停止时保存的设计无法打开，因为目录不接受以下值：
{reason}</translation>
    </message>
    <message>
        <location filename="../../app/autosave.py" line="611"/>
        <source>The design saved when the studio last stopped cannot be opened, because the catalog rejects these values:
{reason}

The studio renamed {path} to {kept}, so that the next autosave does not overwrite it. Delete {kept} when you no longer need it.</source>
        <translation>工作室上次停止时保存的设计无法打开，因为目录不接受以下值：
{reason}

工作室已将 {path} 重命名为 {kept}，以免下次自动保存将其覆盖。不再需要时请删除 {kept}。</translation>
    </message>
</context>
<context>
    <name>BuildFailure</name>
    <message>
        <location filename="../../app/build_failure.py" line="26"/>
        <source>The preview could not be built: {reason}. Undo the last change or choose another value.</source>
        <translation>无法生成预览：{reason}（几何生成器的原因只有英文）。请撤销上一次更改，或换一个值。</translation>
    </message>
    <message>
        <location filename="../../app/build_failure.py" line="31"/>
        <source>The preview could not be built: {reason}</source>
        <translation>无法生成预览：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/build_failure.py" line="40"/>
        <source>no font can engrave the character {character} (U+{code:04X}); remove it from the engraving.</source>
        <translation>没有字体能刻出字符 {character}（U+{code:04X}）；请从刻字中删除该字符。</translation>
    </message>
    <message>
        <location filename="../../app/build_failure.py" line="53"/>
        <source>the {generator} generator rejected the value of {name}, which the catalog allowed. Choose another value, and tell the catalog&apos;s designer: {details}</source>
        <translation>{generator} 生成器拒绝了目录允许的 {name} 的值。请换一个值，并将以下英文原因告知目录设计人员：{details}</translation>
    </message>
    <message>
        <location filename="../../app/build_failure.py" line="60"/>
        <source>the process that builds the preview stopped unexpectedly. Change the value again to retry.</source>
        <translation>生成预览的进程意外停止。请再次更改该值以重试。</translation>
    </message>
    <message>
        <location filename="../../app/build_failure.py" line="76"/>
        <source>the engraving {text} is {length} mm long at a letter height of {height} mm, but at most {share}% of the {around} mm around the inside of the band can be engraved. Shorten the text, or choose a narrower band, whose letters are smaller.</source>
        <translation>字高 {height} mm 时，刻字 {text} 长 {length} mm，但戒圈内侧周长 {around} mm 中最多只能刻 {share}%。请缩短文字，或选择更窄的戒圈，其字高更小。</translation>
    </message>
    <message>
        <location filename="../../app/build_failure.py" line="87"/>
        <source>the engraving {text} is {length} mm long and {height} mm high, which does not fit on the back with {margin} mm to spare. Shorten the text or choose a larger pendant.</source>
        <translation>刻字 {text} 长 {length} mm、高 {height} mm，在背面留出 {margin} mm 边距后放不下。请缩短文字或选择更大的吊坠。</translation>
    </message>
</context>
<context>
    <name>BuildingNote</name>
    <message>
        <location filename="../../app/building_note.py" line="58"/>
        <source>Building the 3D model…</source>
        <translation>正在生成三维模型…</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <location filename="../../designer/catalog.py" line="74"/>
        <source>{where}: {reason}</source>
        <translation>{where}：{reason}</translation>
    </message>
    <message>
        <location filename="../../designer/catalog.py" line="306"/>
        <source>cannot be read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../designer/catalog.py" line="327"/>
        <source>is not UTF-8 text; save the file with the encoding UTF-8, such as with Save As in Notepad</source>
        <translation>不是 UTF-8 文本；请以 UTF-8 编码保存该文件（例如在记事本中使用“另存为”）</translation>
    </message>
    <message>
        <location filename="../../designer/catalog.py" line="340"/>
        <source>is not valid TOML: {error}</source>
        <translation>不是有效的 TOML：{error}</translation>
    </message>
    <message>
        <location filename="../../designer/catalog.py" line="345"/>
        <source>is empty (it contains no TOML keys); start from a copy of another catalog file and give it its own id</source>
        <translation>为空（不含任何 TOML 键）；请复制另一个目录文件作为起点，并为其指定自己的 id</translation>
    </message>
</context>
<context>
    <name>CatalogEditor</name>
    <message>
        <location filename="../../app/catalog_editor.py" line="190"/>
        <source>Catalog editor</source>
        <translation>目录编辑器</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="191"/>
        <source>Catalog models</source>
        <translation>目录型号</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="192"/>
        <source>TOML source</source>
        <translation>TOML 源文件</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="193"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="194"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="195"/>
        <source>Re&amp;vert</source>
        <translation>还原(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="197"/>
        <source>Go back to the published file; Undo in the source brings it back</source>
        <translation>恢复为已发布的文件；在源文件中撤销可找回修改</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="199"/>
        <source>&amp;Try</source>
        <translation>试用(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="201"/>
        <source>Open this model in a preview without saving</source>
        <translation>在预览中打开此型号，不保存</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="203"/>
        <source>P&amp;ublish</source>
        <translation>发布(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="205"/>
        <source>Write the file into the catalog once it has no errors</source>
        <translation>没有错误时将文件写入目录</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="245"/>
        <location filename="../../app/catalog_editor.py" line="594"/>
        <source>Unpublished changes</source>
        <translation>未发布的修改</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="270"/>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="281"/>
        <source>{file} is not UTF-8 text (line {line}). Save it with the encoding UTF-8 in a text editor, such as with Save As in Notepad, and choose it again.</source>
        <translation>{file} 不是 UTF-8 文本（第 {line} 行）。请在文本编辑器中以 UTF-8 编码保存该文件（例如在记事本中使用“另存为”），然后重新选择它。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="357"/>
        <source>The form cannot change {key}: {reason}. Edit the source.</source>
        <translation>表单无法修改 {key}：{reason}。请编辑源文件。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="374"/>
        <source>The form needs valid TOML: fix the lines listed in the source.</source>
        <translation>表单需要有效的 TOML：请修正源文件中列出的行。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="400"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="462"/>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="465"/>
        <source>Errors: {count}. Fix them before publishing.</source>
        <translation>错误：{count} 个。发布前请先修正。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="469"/>
        <source>No errors: ready to publish.</source>
        <translation>没有错误：可以发布。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="471"/>
        <source>No errors. The published file is unchanged.</source>
        <translation>没有错误。已发布的文件未改动。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="475"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="475"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="479"/>
        <source>{severity}, line {line}: {message}</source>
        <translation>{severity}，第 {line} 行：{message}</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="518"/>
        <source>Cannot try: fix the errors listed first.</source>
        <translation>无法试用：请先修正列出的错误。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="545"/>
        <source>Not published: fix the errors listed, then publish again.</source>
        <translation>未发布：请修正列出的错误后重新发布。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="554"/>
        <source>Not published: {file} could not be written ({reason}). Your edits are kept; publish again once that is put right.</source>
        <translation>未发布：无法写入 {file}（{reason}）。您的修改已保留；问题解决后请重新发布。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="562"/>
        <source>Published {file}.</source>
        <translation>已发布 {file}。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_editor.py" line="595"/>
        <source>Discard the unpublished changes to {files}?</source>
        <translation>放弃对 {files} 的未发布修改吗？</translation>
    </message>
</context>
<context>
    <name>CatalogForm</name>
    <message>
        <location filename="../../app/catalog_form.py" line="293"/>
        <source>The form needs valid TOML: fix the lines listed in the source.</source>
        <translation>表单需要有效的 TOML：请修正源文件中列出的行。</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="339"/>
        <source>from the size table {name}</source>
        <translation>来自尺码表 {name}</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="364"/>
        <location filename="../../app/catalog_form.py" line="440"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="364"/>
        <location filename="../../app/catalog_form.py" line="440"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="383"/>
        <source>A combination table: edit its rows in the source</source>
        <translation>组合表：请在源文件中编辑其各行</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="406"/>
        <source>Model</source>
        <translation>型号</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="407"/>
        <source>Name (&amp;English)</source>
        <translation>名称（英文）(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="408"/>
        <source>Name (&amp;Chinese)</source>
        <translation>名称（中文）(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="409"/>
        <source>Name in English</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="410"/>
        <source>Name in Chinese</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="411"/>
        <location filename="../../app/catalog_form.py" line="412"/>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="413"/>
        <location filename="../../app/catalog_form.py" line="417"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="416"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="418"/>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="419"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="420"/>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="421"/>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="422"/>
        <source>Step</source>
        <translation>步长</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="423"/>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="426"/>
        <source>Add &amp;parameter</source>
        <translation>添加参数(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="427"/>
        <source>Remove p&amp;arameter</source>
        <translation>删除参数(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="428"/>
        <location filename="../../app/catalog_form.py" line="429"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="431"/>
        <source>&amp;Id</source>
        <translation>标识(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="431"/>
        <source>Rule id</source>
        <translation>规则标识</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="432"/>
        <source>&amp;Severity</source>
        <translation>严重程度(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="432"/>
        <source>Rule severity</source>
        <translation>规则严重程度</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="433"/>
        <source>E&amp;xpression</source>
        <translation>表达式(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="433"/>
        <source>Rule expression</source>
        <translation>规则表达式</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="434"/>
        <source>Message (E&amp;nglish)</source>
        <translation>提示（英文）(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="434"/>
        <source>Rule message in English</source>
        <translation>英文规则提示</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="435"/>
        <source>Message (C&amp;hinese)</source>
        <translation>提示（中文）(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="435"/>
        <source>Rule message in Chinese</source>
        <translation>中文规则提示</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="444"/>
        <source>Add &amp;rule</source>
        <translation>添加规则(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/catalog_form.py" line="445"/>
        <source>Re&amp;move rule</source>
        <translation>删除规则(&amp;M)</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <location filename="../../app/compare_view.py" line="510"/>
        <source>Compare designs</source>
        <translation>比较设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="511"/>
        <source>Link views</source>
        <translation>联动视图</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="512"/>
        <source>Turn both previews together</source>
        <translation>两个预览一起旋转</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="513"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Countries</name>
    <message>
        <location filename="../../app/countries.py" line="19"/>
        <source>Australia</source>
        <translation>澳大利亚</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="20"/>
        <source>Austria</source>
        <translation>奥地利</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="21"/>
        <source>Belgium</source>
        <translation>比利时</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="22"/>
        <source>Brazil</source>
        <translation>巴西</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="23"/>
        <source>Canada</source>
        <translation>加拿大</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="24"/>
        <source>China</source>
        <translation>中国</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="25"/>
        <source>Denmark</source>
        <translation>丹麦</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="26"/>
        <source>Finland</source>
        <translation>芬兰</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="27"/>
        <source>France</source>
        <translation>法国</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="28"/>
        <source>Germany</source>
        <translation>德国</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="29"/>
        <source>Hong Kong</source>
        <translation>中国香港</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="30"/>
        <source>India</source>
        <translation>印度</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="31"/>
        <source>Ireland</source>
        <translation>爱尔兰</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="32"/>
        <source>Italy</source>
        <translation>意大利</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="33"/>
        <source>Japan</source>
        <translation>日本</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="34"/>
        <source>Macao</source>
        <translation>中国澳门</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="35"/>
        <source>Netherlands</source>
        <translation>荷兰</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="36"/>
        <source>New Zealand</source>
        <translation>新西兰</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="37"/>
        <source>Norway</source>
        <translation>挪威</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="38"/>
        <source>Portugal</source>
        <translation>葡萄牙</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="39"/>
        <source>Singapore</source>
        <translation>新加坡</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="40"/>
        <source>South Korea</source>
        <translation>韩国</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="41"/>
        <source>Spain</source>
        <translation>西班牙</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="42"/>
        <source>Sweden</source>
        <translation>瑞典</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="43"/>
        <source>Switzerland</source>
        <translation>瑞士</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="44"/>
        <source>Taiwan</source>
        <translation>中国台湾</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="45"/>
        <source>United Kingdom</source>
        <translation>英国</translation>
    </message>
    <message>
        <location filename="../../app/countries.py" line="46"/>
        <source>United States</source>
        <translation>美国</translation>
    </message>
</context>
<context>
    <name>CustomerFinder</name>
    <message>
        <location filename="../../app/customer_finder.py" line="136"/>
        <source>Find or register customer</source>
        <translation>查找或登记客户</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="137"/>
        <source>Name, email or phone</source>
        <translation>姓名、电子邮件或电话</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="138"/>
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="139"/>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="142"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="143"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="144"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="145"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="146"/>
        <source>Consents</source>
        <translation>同意事项</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="149"/>
        <source>Customers found</source>
        <translation>找到的客户</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="150"/>
        <source>&amp;Choose customer</source>
        <translation>选择客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="152"/>
        <source>Register a new customer</source>
        <translation>登记新客户</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="153"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="153"/>
        <source>&amp;Email:</source>
        <translation>电子邮件(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="153"/>
        <source>P&amp;hone:</source>
        <translation>电话(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="156"/>
        <source>Name of the new customer</source>
        <translation>新客户的姓名</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="157"/>
        <source>Email of the new customer</source>
        <translation>新客户的电子邮件</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="158"/>
        <source>Phone of the new customer</source>
        <translation>新客户的电话</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="162"/>
        <source>Consents to &amp;profiling: the studio keeps their history and suggests products from it</source>
        <translation>同意画像分析(&amp;P)：工作室保存其记录并据此推荐产品</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="167"/>
        <source>Consents to &amp;marketing: the store may send them offers</source>
        <translation>同意营销联系(&amp;M)：门店可向其发送优惠信息</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="169"/>
        <source>&amp;Register and choose</source>
        <translation>登记并选择(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="170"/>
        <source>Customer search message</source>
        <translation>客户搜索提示</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="183"/>
        <source>Type part of a name, email or phone number.</source>
        <translation>请输入姓名、电子邮件或电话号码的一部分。</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="194"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="194"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="196"/>
        <source>profiling %1, marketing %2</source>
        <translation>画像分析：%1，营销联系：%2</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="213"/>
        <source>Customers found for “%1”: %2.</source>
        <translation>“%1”的搜索结果：%2 位客户。</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="250"/>
        <source>Enter the customer&apos;s name; email and phone are optional.</source>
        <translation>请输入客户姓名；电子邮件和电话可不填。</translation>
    </message>
    <message>
        <location filename="../../app/customer_finder.py" line="256"/>
        <source>Invalid email address “%1”: expected name@domain.tld; correct it or leave it empty.</source>
        <translation>电子邮件地址“%1”无效：格式应为 name@domain.tld；请更正或留空。</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <location filename="../../designer/customers.py" line="140"/>
        <source>Missing customer name: enter the name the customer wants to be addressed by</source>
        <translation>缺少客户姓名：请输入客户希望使用的称呼</translation>
    </message>
    <message>
        <location filename="../../designer/customers.py" line="148"/>
        <source>Invalid email address {email!r}: expected name@domain.tld; correct it or leave it empty</source>
        <translation>电子邮箱地址 {email!r} 无效：格式应为 name@domain.tld；请更正或留空</translation>
    </message>
    <message>
        <location filename="../../storage/profiles.py" line="53"/>
        <source>Customer {customer!r} not found: register the customer first or check the id</source>
        <translation>未找到客户 {customer!r}：请先登记该客户，或核对客户编号</translation>
    </message>
</context>
<context>
    <name>DesignColumn</name>
    <message>
        <location filename="../../app/compare_view.py" line="184"/>
        <source>Design on screen</source>
        <translation>当前设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="186"/>
        <source>Compare the design now open in the studio window</source>
        <translation>比较工作室窗口中当前打开的设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="188"/>
        <source>Design file…</source>
        <translation>设计文件…</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="189"/>
        <source>Kiosk code</source>
        <translation>自助终端代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="190"/>
        <source>Kiosk design code</source>
        <translation>自助终端设计代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="191"/>
        <source>Open code</source>
        <translation>打开代码</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="192"/>
        <source>Parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="192"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="194"/>
        <source>Parameter values</source>
        <translation>参数值</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="195"/>
        <source>3D preview</source>
        <translation>3D 预览</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="196"/>
        <source>Use this design</source>
        <translation>使用此设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="197"/>
        <source>Open this design in the studio window</source>
        <translation>在工作室窗口中打开此设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="199"/>
        <source>No design chosen</source>
        <translation>未选择设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="210"/>
        <source>The studio window has no design open.</source>
        <translation>工作室窗口中没有打开的设计。</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="232"/>
        <source>The studio has no database open.</source>
        <translation>工作室未打开数据库。</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="290"/>
        <source>Open design</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="290"/>
        <source>Designs (*.json)</source>
        <translation>设计文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="336"/>
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="338"/>
        <source>+ materials and tax</source>
        <translation>+ 材料费和税</translation>
    </message>
    <message>
        <location filename="../../app/compare_view.py" line="368"/>
        <source>Differs from the other design</source>
        <translation>与另一个设计不同</translation>
    </message>
</context>
<context>
    <name>DesignFiles</name>
    <message>
        <location filename="../../app/export_process.py" line="169"/>
        <source>{product} is not in the catalog</source>
        <translation>{product} 不在产品目录中</translation>
    </message>
    <message>
        <location filename="../../app/export_process.py" line="175"/>
        <source>changed after the design was opened; open the design again and export it once more</source>
        <translation>在设计打开后已被修改；请重新打开设计后再导出</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="59"/>
        <source>{path}: {field}: {reason}</source>
        <translation>{path}：{field}：{reason}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="66"/>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="86"/>
        <source>- {field}: {reason}</source>
        <translation>- {field}：{reason}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="94"/>
        <source>{path}: {count} values are invalid; correct each one in the file:
{problems}</source>
        <translation>{path}：有 {count} 个值无效，请在文件中逐一更正：
{problems}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="137"/>
        <source>cannot be read: {reason}</source>
        <translation>无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="143"/>
        <source>is not UTF-8 text (line {line}); save the file with the encoding UTF-8, such as with Save As in Notepad</source>
        <translation>不是 UTF-8 文本（第 {line} 行）；请以 UTF-8 编码保存该文件（例如在记事本中使用“另存为”）</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="153"/>
        <source>is empty; open a design file that Atelier saved, or save the design again</source>
        <translation>是空文件；请打开 Atelier 保存的设计文件，或重新保存该设计</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="164"/>
        <source>is not valid JSON: {error} at line {line}, column {column}</source>
        <translation>不是有效的 JSON：第 {line} 行第 {column} 列，{error}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="175"/>
        <source>nests its lists or objects more deeply than Python can read, so it is not a design file; open a design that Atelier saved</source>
        <translation>其中的列表或对象嵌套层数过多，Python 无法读取，因此不是设计文件；请打开由 Atelier 保存的设计</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="185"/>
        <source>holds a number of more than {digits} digits, which no option accepts; correct the value</source>
        <translation>含有超过 {digits} 位的数字，任何选项都不接受；请更正该值</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="214"/>
        <source>has {size} bytes, more than the {limit} bytes that a design file may have, so it is not a design file; open a design file that Atelier saved, which has a few kilobytes</source>
        <translation>大小为 {size} 字节，超过设计文件允许的 {limit} 字节，因此不是设计文件；请打开 Atelier 保存的设计文件（通常只有几 KB）</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="229"/>
        <source>must be a JSON object</source>
        <translation>必须是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="233"/>
        <source>{found} is not supported; use {expected}</source>
        <translation>不支持 {found}；请使用 {expected}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="243"/>
        <source>is missing; give the product id</source>
        <translation>缺失；请填写产品编号</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="249"/>
        <source>must be an object of name: value</source>
        <translation>必须是“名称: 数值”形式的对象</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="255"/>
        <source>must be a list of parameter names</source>
        <translation>必须是参数名称的列表</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="276"/>
        <source>unknown product {product}; known products: {known}</source>
        <translation>未知产品 {product}；已知产品：{known}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="309"/>
        <source>is not a parameter of {model}; known: {known}</source>
        <translation>不是 {model} 的参数；已知参数：{known}</translation>
    </message>
    <message>
        <location filename="../../designer/designs.py" line="319"/>
        <source>names {name}, which is not a parameter of {model}; known: {known}</source>
        <translation>列出了 {name}，它不是 {model} 的参数；已知参数：{known}</translation>
    </message>
</context>
<context>
    <name>DesignValues</name>
    <message>
        <location filename="../../app/values.py" line="38"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/values.py" line="39"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/values.py" line="170"/>
        <source>{parameter} set to {value} to match {entry}.</source>
        <translation>已将{parameter}设为{value}，以匹配 {entry}。</translation>
    </message>
</context>
<context>
    <name>Designs</name>
    <message>
        <location filename="../../designer/order_design.py" line="57"/>
        <source>design of {product} breaks {count} error rule(s) and cannot be ordered: {listing}. Fix the design first.</source>
        <translation>{product} 的设计违反了 {count} 条错误规则，无法下单：{listing}。请先修改设计。</translation>
    </message>
    <message>
        <location filename="../../designer/order_design.py" line="430"/>
        <source>catalog file {path} of {product} cannot be read ({reason}); reload the catalog before ordering</source>
        <translation>无法读取 {product} 的目录文件 {path}（{reason}）；请重新加载目录后再下单</translation>
    </message>
    <message>
        <location filename="../../designer/order_design.py" line="441"/>
        <source>catalog file {path} changed since {product} was loaded; reload the catalog and check the design before ordering</source>
        <translation>{product} 加载后，其目录文件 {path} 已更改；请重新加载目录并检查设计后再下单</translation>
    </message>
    <message>
        <location filename="../../designer/session.py" line="342"/>
        <source>Nothing was changed, because the design changed after {parameter} = {value} was offered. Choose the value again to see what it needs now.</source>
        <translation>未做任何更改，因为提出 {parameter} = {value} 之后设计已有变化。请重新选择该值，查看它现在需要哪些更改。</translation>
    </message>
</context>
<context>
    <name>DomainText</name>
    <message>
        <location filename="../../app/domain_text.py" line="33"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="34"/>
        <source>quoted</source>
        <translation>已报价</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="35"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="36"/>
        <source>paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="37"/>
        <source>in production</source>
        <translation>生产中</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="38"/>
        <source>quality check</source>
        <translation>质检中</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="39"/>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="40"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="41"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="42"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="43"/>
        <source>deposit</source>
        <translation>定金</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="44"/>
        <source>balance</source>
        <translation>尾款</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="45"/>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="46"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="47"/>
        <source>card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="48"/>
        <source>bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="49"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="50"/>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="51"/>
        <source>failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="87"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/domain_text.py" line="133"/>
        <source>{file}: {reason}</source>
        <translation>{file}：{reason}</translation>
    </message>
</context>
<context>
    <name>ExportProgressDialog</name>
    <message>
        <location filename="../../app/export_progress.py" line="49"/>
        <source>Exporting production package</source>
        <translation>正在导出生产包</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="50"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="52"/>
        <source>Starting the export…</source>
        <translation>正在开始导出…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="53"/>
        <source>Rendering the front, side and 3D views…</source>
        <translation>正在渲染正视图、侧视图和三维视图…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="54"/>
        <source>Writing the specification (spec.json)…</source>
        <translation>正在写入规格文件 (spec.json)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="55"/>
        <source>Laying out the spec sheet (spec.pdf)…</source>
        <translation>正在排版规格单 (spec.pdf)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="56"/>
        <source>Writing the meshes (STL, glTF, 3MF)…</source>
        <translation>正在写入网格 (STL、glTF、3MF)…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="57"/>
        <source>Drawing the cut lists and DXF files…</source>
        <translation>正在生成下料单和 DXF 文件…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="58"/>
        <source>Writing the package folder…</source>
        <translation>正在写入生产包文件夹…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="59"/>
        <source>Zipping the package…</source>
        <translation>正在压缩生产包…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="60"/>
        <source>Moving the package into place…</source>
        <translation>正在将生产包移到目标位置…</translation>
    </message>
    <message>
        <location filename="../../app/export_progress.py" line="61"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../../storage/output_paths.py" line="91"/>
        <source>{path} cannot be written because the disk is full; free some space or choose a folder on another disk</source>
        <translation>无法写入 {path}，因为磁盘已满；请腾出一些空间，或选择另一块磁盘上的文件夹</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="111"/>
        <source>{path} cannot be written because its disk is read-only; choose a folder on another disk</source>
        <translation>无法写入 {path}，因为它所在的磁盘是只读的；请选择另一块磁盘上的文件夹</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="71"/>
        <source>{path} is a folder, so no file can be saved under that name; choose a file name inside the folder</source>
        <translation>{path} 是一个文件夹，不能以这个名称保存文件；请在该文件夹中选择一个文件名</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="210"/>
        <source>no file name given; type the name of the file to write, such as {example}</source>
        <translation>未提供文件名；请输入要写入的文件名，例如 {example}</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="229"/>
        <source>{path} is the same file as the input {source}, so writing it would overwrite that input; choose another output file</source>
        <translation>{path} 与输入文件 {source} 是同一个文件，写入它会覆盖该输入；请选择另一个输出文件</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="398"/>
        <source>{path} is {kind}, and only a regular file can be replaced; choose another file name</source>
        <translation>{path} 是{kind}，只有普通文件才能被替换；请选择另一个文件名</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="76"/>
        <source>{path} cannot be written because {file}, a part of that path, is a file, not a folder; choose a location inside a folder</source>
        <translation>无法写入 {path}：路径中的 {file} 是一个文件，而不是文件夹；请选择某个文件夹中的位置</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="81"/>
        <source>{path} cannot be written because the folder {parent} does not exist; create the folder or choose an existing one</source>
        <translation>无法写入 {path}：文件夹 {parent} 不存在；请创建该文件夹或选择一个已有的文件夹</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="86"/>
        <source>no permission to write {path}; choose a folder you can write to, or ask an administrator for access</source>
        <translation>没有写入 {path} 的权限；请选择一个您可以写入的文件夹，或请管理员授予访问权限</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="96"/>
        <source>{path} is {what}, and writing over it would lose the store&apos;s data; choose another file</source>
        <translation>{path} 是{what}，覆盖它会丢失商店的数据；请选择其他文件</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="101"/>
        <source>the database in use</source>
        <translation>正在使用的数据库</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="102"/>
        <source>a file that SQLite keeps beside the database in use</source>
        <translation>SQLite 在正在使用的数据库旁保存的文件</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="105"/>
        <source>the key file in use, which decrypts customers&apos; personal data</source>
        <translation>正在使用的密钥文件，用于解密客户的个人数据</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="108"/>
        <source>a retired key file, which older backups need to be read</source>
        <translation>已停用的密钥文件，读取较早的备份需要它</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="194"/>
        <source>{path} ends with a slash, which names a folder; type the name of the file to write without the slash, such as {example}</source>
        <translation>{path} 以斜杠结尾，表示一个文件夹；请输入不带斜杠的文件名，例如 {example}</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="204"/>
        <source>no folder name given; type the name of the folder to create, such as {example}</source>
        <translation>未提供文件夹名；请输入要创建的文件夹名称，例如 {example}</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="347"/>
        <source>{path} has no name of its own for the package folder and its zip file; give the package folder a name, such as {example}</source>
        <translation>{path} 没有可用作生产包文件夹及其 zip 文件的名称；请为生产包文件夹命名，例如 {example}</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="358"/>
        <source>{path} is {kind}, not a folder, so the package cannot be written there; choose another folder name</source>
        <translation>{path} 是{kind}，不是文件夹，因此无法在此写入生产包；请选择其他文件夹名称</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="370"/>
        <source>the package&apos;s zip file goes to {path}, which is {kind}; choose another package folder name, or move {path} away</source>
        <translation>生产包的 zip 文件应写入 {path}，但它是{kind}；请选择其他生产包文件夹名称，或移走 {path}</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="422"/>
        <source>a folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="502"/>
        <source>{path} cannot be written: {reason}; check the disk and the folder, then try again</source>
        <translation>无法写入 {path}：{reason}；请检查磁盘和文件夹后重试</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="530"/>
        <source>the path {start} is {length} characters long, too long for this disk; choose a folder nearer the top of the disk or shorter names</source>
        <translation>路径 {start} 长 {length} 个字符，对这块磁盘来说太长；请选择层级更浅的文件夹，或使用更短的名称</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="541"/>
        <source>the name {name} is {length} characters long, too long for this disk; shorten it to at most {limit} characters</source>
        <translation>名称 {name} 长 {length} 个字符，对这块磁盘来说太长；请缩短到不超过 {limit} 个字符</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="611"/>
        <source>a symbolic link to a missing file</source>
        <translation>指向不存在文件的符号链接</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="613"/>
        <source>a file</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="615"/>
        <source>a device</source>
        <translation>设备文件</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="617"/>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="619"/>
        <source>a FIFO (named pipe)</source>
        <translation>FIFO（命名管道）</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="621"/>
        <source>a special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <location filename="../../storage/output_paths.py" line="624"/>
        <source>a symbolic link to {kind}</source>
        <translation>指向{kind}的符号链接</translation>
    </message>
    <message>
        <location filename="../../storage/backup.py" line="172"/>
        <source>Backup file {source} is the database {database} itself, which a restore would replace; choose a file that &apos;main.py backup&apos; wrote</source>
        <translation>备份文件 {source} 就是数据库 {database} 本身，恢复会替换它；请选择由 &apos;main.py backup&apos; 写入的文件</translation>
    </message>
    <message>
        <location filename="../../storage/backup.py" line="204"/>
        <source>Backup file {source} not found; check the path</source>
        <translation>找不到备份文件 {source}；请检查路径</translation>
    </message>
    <message>
        <location filename="../../storage/backup.py" line="210"/>
        <source>Backup file {source} is {kind}, not a backup file; give the path of a file that &apos;main.py backup&apos; wrote</source>
        <translation>备份文件 {source} 是{kind}，不是备份文件；请提供由 &apos;main.py backup&apos; 写入的文件路径</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="17"/>
        <source>access to the file or its folder is denied</source>
        <translation>无权访问该文件或其所在文件夹</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="20"/>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="21"/>
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="24"/>
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="25"/>
        <source>the file or its folder does not exist</source>
        <translation>文件或其所在文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="26"/>
        <source>the disk could not read or write the data</source>
        <translation>磁盘无法读写数据</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="27"/>
        <source>the name is too long for the disk</source>
        <translation>名称过长，超出了磁盘允许的长度</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="28"/>
        <source>the file or its folder is in use by another program</source>
        <translation>文件或其所在文件夹正被其他程序占用</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="31"/>
        <source>it is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../storage/os_errors.py" line="32"/>
        <source>a part of its path is a file, not a folder</source>
        <translation>其路径中有一部分是文件，不是文件夹</translation>
    </message>
</context>
<context>
    <name>FilledValues</name>
    <message>
        <location filename="../../app/filled_notice.py" line="166"/>
        <source>{notice} {price}</source>
        <translation>{notice}{price}</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="94"/>
        <source>This design was saved before &apos;{option}&apos; was offered; set to {value}.</source>
        <translation>此设计保存时尚未提供“{option}”选项；已设为{value}。</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="126"/>
        <source>This order was placed without choosing &apos;{option}&apos;; it is set to {value}, as in the order&apos;s price.</source>
        <translation>此订单下单时未选择“{option}”选项；已设为{value}，订单价格即按此计算。</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="131"/>
        <source>This order was placed without choosing these options; they are set as in the order&apos;s price: {set}.</source>
        <translation>此订单下单时未选择以下选项，订单价格即按以下设置计算：{set}。</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="140"/>
        <source>This order was placed before &apos;{option}&apos; was offered; set to {value}.</source>
        <translation>此订单下单时尚未提供“{option}”选项；已设为{value}。</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="144"/>
        <source>This order was placed before these options were offered: {set}.</source>
        <translation>此订单下单时尚未提供以下选项：{set}。</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="154"/>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="191"/>
        <source>&apos;{option}&apos; set to {value}</source>
        <translation>“{option}”设为{value}</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="192"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="98"/>
        <source>This design was saved before these options were offered: {set}.</source>
        <translation>此设计保存时尚未提供以下选项：{set}。</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="201"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/filled_notice.py" line="206"/>
        <source>The price now includes {lines}.</source>
        <translation>价格现已包含{lines}。</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/sign_in.py" line="283"/>
        <source>Create the administrator account</source>
        <translation>创建管理员账户</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="286"/>
        <source>This database has no staff accounts yet. Create the administrator account; the administrator then adds the designer and sales accounts.</source>
        <translation>此数据库还没有员工账户。请创建管理员账户，再由管理员添加设计师和销售账户。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="293"/>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="294"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="295"/>
        <source>&amp;Repeat password:</source>
        <translation>再次输入密码(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="299"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="300"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="301"/>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="302"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="303"/>
        <source>&amp;Create and sign in</source>
        <translation>创建并登录(&amp;C)</translation>
    </message>
</context>
<context>
    <name>Kiosk</name>
    <message>
        <location filename="../../designer/kiosk_designs.py" line="74"/>
        <source>kiosk design code {code!r} is invalid: a code has {length} characters from {alphabet}; check it against the receipt</source>
        <translation>自助终端设计码 {code!r} 无效：设计码由 {length} 个取自 {alphabet} 的字符组成；请与小票核对</translation>
    </message>
    <message>
        <location filename="../../designer/kiosk_designs.py" line="115"/>
        <source>no kiosk design has the code {code}; check the code on the receipt</source>
        <translation>没有设计码为 {code} 的自助终端设计；请核对小票上的设计码</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <location filename="../../app/kiosk.py" line="432"/>
        <source>Design your own</source>
        <translation>设计您的专属作品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="434"/>
        <source>Staff</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="435"/>
        <source>Popular in our store</source>
        <translation>本店热门</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="436"/>
        <source>All products</source>
        <translation>全部产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="439"/>
        <source>◀ Products</source>
        <translation>◀ 产品</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="440"/>
        <source>↶ Undo</source>
        <translation>↶ 撤销</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="441"/>
        <source>↷ Redo</source>
        <translation>↷ 重做</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="442"/>
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="444"/>
        <source>Your design is saved. Show this code to our staff.</source>
        <translation>您的设计已保存。请向店员出示此代码。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="446"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="447"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="448"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="449"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="450"/>
        <source>Clear PIN</source>
        <translation>清除密码</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="451"/>
        <source>Delete last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="557"/>
        <source>Also changed to keep the design valid: %s</source>
        <translation>为保持设计有效，已同时调整：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="649"/>
        <source>The full price with materials and tax cannot be shown here. Ask a member of staff to price this design.</source>
        <translation>此处无法显示含材料和税费的完整价格。请店员为此设计报价。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="659"/>
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="661"/>
        <source>+ materials and tax</source>
        <translation>+ 材料费和税</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="721"/>
        <source>Fix the problems listed before saving the design.</source>
        <translation>请先修正所列问题再保存设计。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/kiosk.py" line="778"/>
        <source>Are you still there? Starting over in %n second(s).</source>
        <translation>
            <numerusform>您还在吗？%n 秒后将重新开始。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="839"/>
        <source>No staff PIN is set, so kiosk mode cannot be left here. Staff: run &apos;main.py set-kiosk-pin&apos; on this computer first.</source>
        <translation>尚未设置店员密码，无法在此退出自助模式。店员：请先在本机运行 &apos;main.py set-kiosk-pin&apos;。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="844"/>
        <source>Staff PIN</source>
        <translation>店员密码</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="872"/>
        <source>Too many wrong PINs. Try again after {0}.</source>
        <translation>PIN 码错误次数过多，请在 {0} 之后再试。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk.py" line="883"/>
        <source>Wrong PIN. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="166"/>
        <source>Decrease %s</source>
        <translation>减小%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="169"/>
        <source>Increase %s</source>
        <translation>增大%s</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_editors.py" line="263"/>
        <source>Type %s</source>
        <translation>输入%s</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/kiosk_staff.py" line="27"/>
        <source>Open kiosk design</source>
        <translation>打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="28"/>
        <source>Code on the customer&apos;s receipt:</source>
        <translation>顾客凭条上的代码：</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="43"/>
        <location filename="../../app/kiosk_staff.py" line="52"/>
        <source>Cannot open kiosk design</source>
        <translation>无法打开自助机设计</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_staff.py" line="44"/>
        <source>The studio has no database open.</source>
        <translation>工作室未打开数据库。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="351"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="352"/>
        <source>&amp;Open design…</source>
        <translation>打开设计(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="353"/>
        <source>&amp;Save design…</source>
        <translation>保存设计(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="354"/>
        <source>&amp;Export production package…</source>
        <translation>导出生产包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="355"/>
        <source>Open &amp;kiosk design…</source>
        <translation>打开自助机设计(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="356"/>
        <source>&amp;Catalog editor…</source>
        <translation>目录编辑器(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="357"/>
        <source>&amp;Compare designs…</source>
        <translation>比较设计(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="358"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="359"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="360"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="361"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="362"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="363"/>
        <source>&amp;Customers</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="364"/>
        <source>Customer &amp;profile…</source>
        <translation>客户档案(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="365"/>
        <source>&amp;Segments…</source>
        <translation>客户分组(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="366"/>
        <source>&amp;Order</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="367"/>
        <source>&amp;Place order…</source>
        <translation>下单(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="368"/>
        <source>Production &amp;monitor…</source>
        <translation>生产监控(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="369"/>
        <source>Customer profile…</source>
        <translation>客户档案…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="370"/>
        <source>Suggestions</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="373"/>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="375"/>
        <source>Front</source>
        <translation>正视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="376"/>
        <source>Side</source>
        <translation>侧视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="377"/>
        <source>Top</source>
        <translation>俯视</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="378"/>
        <source>3D</source>
        <translation>立体</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="382"/>
        <source>Dimensions</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="546"/>
        <location filename="../../app/main_window.py" line="558"/>
        <location filename="../../app/main_window.py" line="559"/>
        <source>Width</source>
        <translation>宽</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="558"/>
        <location filename="../../app/main_window.py" line="559"/>
        <source>Depth</source>
        <translation>深</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="546"/>
        <location filename="../../app/main_window.py" line="554"/>
        <location filename="../../app/main_window.py" line="558"/>
        <location filename="../../app/main_window.py" line="559"/>
        <source>Height</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="727"/>
        <source>Materials and tax are added once the 3D model is measured.</source>
        <translation>三维模型测量完成后加入材料费和税。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="729"/>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="730"/>
        <source>Including materials and tax.</source>
        <translation>含材料费和税。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="661"/>
        <source>Fix the errors listed before exporting</source>
        <translation>请先修正所列错误再导出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="669"/>
        <source>Fix the errors listed before ordering</source>
        <translation>请先修正所列错误再下单</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="684"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="686"/>
        <source>Warning</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="696"/>
        <source>Ready to order.</source>
        <translation>可以下单。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="817"/>
        <source>Open design</source>
        <translation>打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="885"/>
        <source>Cannot open design</source>
        <translation>无法打开设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="900"/>
        <source>Save design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="920"/>
        <source>Cannot save design</source>
        <translation>无法保存设计</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="923"/>
        <source>Saved </source>
        <translation>已保存 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="938"/>
        <source>Export production package to</source>
        <translation>导出生产包到</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1017"/>
        <source>Exported to </source>
        <translation>已导出到 </translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="983"/>
        <location filename="../../app/main_window.py" line="1025"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="383"/>
        <source>Show the product&apos;s sizes in mm</source>
        <translation>以毫米显示产品尺寸</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="546"/>
        <source>Length</source>
        <translation>长</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="548"/>
        <location filename="../../app/main_window.py" line="552"/>
        <source>Outer diameter</source>
        <translation>外径</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="549"/>
        <source>Band width</source>
        <translation>圈宽</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="553"/>
        <source>Along the finger</source>
        <translation>沿手指方向</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="565"/>
        <source>{size} ({overall} with handles)</source>
        <translation>{size}（含拉手 {overall}）</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="566"/>
        <source>{size} ({overall} overall)</source>
        <translation>{size}（总尺寸 {overall}）</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="600"/>
        <source>Also changed to keep the design valid: %s</source>
        <translation>为保持设计有效，已同时调整：%s</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="733"/>
        <source>Price: %s</source>
        <translation>价格：%s</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="881"/>
        <source>The design on screen stays open, and the file was not changed.</source>
        <translation>屏幕上的设计保持打开，文件未被更改。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="962"/>
        <source>Export running</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="964"/>
        <source>An export to {0} is running; wait for it or cancel it.</source>
        <translation>正在导出到 {0}；请等待完成或取消。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1014"/>
        <source>Export cancelled</source>
        <translation>导出已取消</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1056"/>
        <source>Cannot place order</source>
        <translation>无法下单</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1074"/>
        <source>Order placed: </source>
        <translation>已下单：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1152"/>
        <source>Customer {id} not found. Check the id, or register the customer under Customers.</source>
        <translation>找不到客户 {id}。请检查编号，或在“客户”菜单中登记该客户。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1217"/>
        <source>Bought by 1 customer with similar tastes</source>
        <translation>1 位品味相近的顾客购买过</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1218"/>
        <source>Bought by {0} customers with similar tastes</source>
        <translation>{0} 位品味相近的顾客购买过</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1223"/>
        <source>Similar to {0} you bought</source>
        <translation>与您购买过的{0}相似</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1227"/>
        <source>Popular in your segment</source>
        <translation>在您所属客群中受欢迎</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1229"/>
        <source>Popular with all customers</source>
        <translation>深受所有顾客欢迎</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1234"/>
        <source>Suggestions are unavailable: </source>
        <translation>暂无推荐：</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1250"/>
        <source>Cannot open profile</source>
        <translation>无法打开客户档案</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="1396"/>
        <source>No customer chosen: pick one in the customer box, or use Customers &gt; Find or register customer.</source>
        <translation>尚未选择客户：请在客户框中选择，或使用“客户 &gt; 查找或登记客户”。</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="73"/>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="74"/>
        <source>Your role, %1, does not include this screen; ask an administrator if you need it.</source>
        <translation>您的角色（%1）不包含此界面；如需使用，请联系管理员。</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <location filename="../../app/keyboard.py" line="170"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="173"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="177"/>
        <source>Switch input</source>
        <translation>切换输入法</translation>
    </message>
    <message>
        <location filename="../../app/keyboard.py" line="180"/>
        <source>Backspace</source>
        <translation>退格</translation>
    </message>
</context>
<context>
    <name>OptionHintsBox</name>
    <message>
        <location filename="../../app/option_hints.py" line="90"/>
        <source>Customers like this one chose</source>
        <translation>与此顾客相似的顾客选择了</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="91"/>
        <source>Why these values</source>
        <translation>推荐依据</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="92"/>
        <source>Option suggestions status</source>
        <translation>选项推荐状态</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="164"/>
        <source>No orders of this model to learn from yet.</source>
        <translation>此款式尚无可参考的订单。</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="166"/>
        <source>Every option has been chosen.</source>
        <translation>所有选项均已选定。</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="176"/>
        <source>Option suggestions are unavailable right now.</source>
        <translation>选项推荐暂时不可用。</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="185"/>
        <source>{label}: {value} — {share} %</source>
        <translation>{label}：{value} — {share}%</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="189"/>
        <source>(current)</source>
        <translation>（当前）</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="195"/>
        <source>Apply {label}: {value}</source>
        <translation>应用{label}：{value}</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="197"/>
        <source>Apply this value. Undo takes it back.</source>
        <translation>应用此值。撤销可恢复原值。</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="221"/>
        <source>In the segment “{segment}”</source>
        <translation>“{segment}”客群</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="224"/>
        <source>Popular with all customers, as this customer has no segment yet</source>
        <translation>所有顾客的热门选择（此顾客尚未归入客群）</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="228"/>
        <source>Popular with all customers, as the segment “{segment}” has too few orders of this model</source>
        <translation>所有顾客的热门选择（“{segment}”客群此款式的订单太少）</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="232"/>
        <source>Popular with all customers</source>
        <translation>所有顾客的热门选择</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="234"/>
        <source>1 order</source>
        <translation>1 个订单</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="236"/>
        <source>{count} orders</source>
        <translation>{count} 个订单</translation>
    </message>
    <message>
        <location filename="../../app/option_hints.py" line="237"/>
        <source>{reason} ({orders})</source>
        <translation>{reason}（{orders}）</translation>
    </message>
</context>
<context>
    <name>OrderHistory</name>
    <message>
        <location filename="../../designer/orders.py" line="108"/>
        <source>set on confirmation from the lead time of {days} days</source>
        <translation>确认时按 {days} 天的交货周期设定</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="112"/>
        <source>new quote</source>
        <translation>新报价</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1242"/>
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1245"/>
        <source>{start} → {end}</source>
        <translation>{start} → {end}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1251"/>
        <source>{event} (QC {result})</source>
        <translation>{event}（质检{result}）</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1257"/>
        <source>{event} [{source}]</source>
        <translation>{event} [{source}]</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1266"/>
        <source>revision {number}, total {total} ({hash})</source>
        <translation>第 {number} 版，合计 {total}（{hash}）</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1281"/>
        <source>{kind} {amount} {currency} by {method}</source>
        <translation>{kind} {amount} {currency}，{method}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1289"/>
        <source>{event}, ref. {reference}</source>
        <translation>{event}，参考号 {reference}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1300"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1303"/>
        <source>promised date {old} → {new}</source>
        <translation>交货日期 {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../designer/order_revision.py" line="47"/>
        <source>design revised in the studio</source>
        <translation>在工作室中修改了设计</translation>
    </message>
</context>
<context>
    <name>OrderRevision</name>
    <message>
        <location filename="../../app/order_revision.py" line="135"/>
        <source>Cannot revise order</source>
        <translation>无法修改订单设计</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="210"/>
        <source>The design on screen has changes that are not saved to order {0}. Save them to the order before opening another design?</source>
        <translation>屏幕上的设计有尚未保存到订单 {0} 的修改。打开其他设计之前，要先把修改保存到订单吗？</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="232"/>
        <source>The design on screen has changes that are not saved to order {0}. Save them to the order before closing?</source>
        <translation>屏幕上的设计有尚未保存到订单 {0} 的修改。关闭之前，要先把修改保存到订单吗？</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="214"/>
        <source>The design on screen has changes that are not saved. Save it as a file before opening the order&apos;s design?</source>
        <translation>屏幕上的设计有尚未保存的修改。打开订单的设计之前，要先把它保存为文件吗？</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="236"/>
        <source>The design on screen has changes that are not saved. Save it as a file before closing?</source>
        <translation>屏幕上的设计有未保存的修改。关闭之前，要先把它保存为文件吗？</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="253"/>
        <source>The design on screen has changes that are not saved to order {0}. Save them to the order before signing out?</source>
        <translation>屏幕上的设计有尚未保存到订单 {0} 的修改。退出登录之前，要先把修改保存到订单吗？</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="294"/>
        <source>Order {0} is {1} now, so the changes on screen cannot be saved to it. Save the design as a file first?</source>
        <translation>订单 {0} 现在是{1}状态，所以屏幕上的修改无法再保存到该订单。要先把设计保存为文件吗？</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="333"/>
        <source>Save design…</source>
        <translation>保存设计…</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="343"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="357"/>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="360"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="415"/>
        <source>Saving the design to order {0}…</source>
        <translation>正在把设计保存到订单 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="441"/>
        <source>Saved to order {0}: revision {1}, total {2} {3}</source>
        <translation>已保存到订单 {0}：第 {1} 版，合计 {2} {3}</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="448"/>
        <source>Order {0} already has this design; nothing changed</source>
        <translation>订单 {0} 已是此设计，未作更改</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="481"/>
        <source>Order {0} was not saved, because another till or kiosk is writing to the database. Nothing on screen is lost: press Save to order again in a moment.</source>
        <translation>订单 {0} 未能保存，因为另一台收银机或自助终端正在写入数据库。屏幕上的内容没有丢失：请稍后再按一次“保存到订单”。</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="490"/>
        <source>The design stays open here, so nothing is lost: save it with File &gt; Save design…, or place it as a new order.</source>
        <translation>设计仍在此处打开，没有任何内容丢失：可用“文件 &gt; 保存设计…”保存，或作为新订单下单。</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="502"/>
        <source>Cannot save to order</source>
        <translation>无法保存到订单</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="505"/>
        <source>What was to follow the save did not happen: the window stays open, you stay signed in and the design stays on screen.</source>
        <translation>保存之后原本要做的事没有进行：窗口保持打开，你仍处于登录状态，设计也仍在屏幕上。</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="540"/>
        <source>Saving to order {0}…</source>
        <translation>正在保存到订单 {0}…</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="542"/>
        <source>Save as revision {1} of order {0}</source>
        <translation>保存为订单 {0} 的第 {1} 版</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="583"/>
        <source>Your role does not include orders; ask a member of sales or an administrator to save it</source>
        <translation>你的角色不包括订单；请销售人员或管理员来保存</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="557"/>
        <source>Revising order {0} ({1}, revision {2}). Change the design, then save it to the order; opening another design ends the revision.</source>
        <translation>正在修改订单 {0}（{1}，第 {2} 版）的设计。修改后请保存到订单；打开其他设计会结束本次修改。</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="546"/>
        <source>Save to order {0}</source>
        <translation>保存到订单 {0}</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="562"/>
        <source>Order {0} is {1} now (revision {2}), so this design can no longer be saved to it. Save it with File &gt; Save design…, or place it as a new order.</source>
        <translation>订单 {0} 现在是{1}状态（第 {2} 版），此设计无法再保存到该订单。请用“文件 &gt; 保存设计…”保存，或作为新订单下单。</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="567"/>
        <source>Order {0} ({1}) is at revision {2} now, saved elsewhere after this design was opened. Saving now stores this design as revision {3}; revision {2} stays in the order&apos;s history. Or save this design with File &gt; Save design… before you reopen the order, because reopening replaces it.</source>
        <translation>订单 {0}（{1}）在此设计打开后已在别处保存为第 {2} 版。现在保存会把此设计存为第 {3} 版；第 {2} 版仍保留在订单的历史中。也可以先用“文件 &gt; 保存设计…”保存此设计，再重新打开订单，因为重新打开会替换它。</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="577"/>
        <source>Order {0} is {1} now, so its design can no longer change</source>
        <translation>订单 {0} 现在是{1}状态，其设计不能再修改</translation>
    </message>
    <message>
        <location filename="../../app/order_revision.py" line="580"/>
        <source>Fix the errors listed before saving</source>
        <translation>请先修正所列错误再保存</translation>
    </message>
</context>
<context>
    <name>OrderState</name>
    <message>
        <location filename="../../app/monitor.py" line="78"/>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="79"/>
        <source>quoted</source>
        <translation>已报价</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="80"/>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="81"/>
        <source>paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="82"/>
        <source>in production</source>
        <translation>生产中</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="85"/>
        <source>quality check</source>
        <translation>质检中</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="88"/>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="89"/>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="90"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="91"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <location filename="../../designer/factory_status.py" line="86"/>
        <source>applied</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="87"/>
        <source>dismissed</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="263"/>
        <source>{path}: file not found</source>
        <translation>{path}：未找到文件</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="267"/>
        <source>{path}: is not UTF-8 text; save the file with the encoding UTF-8 and apply it again</source>
        <translation>{path}：不是 UTF-8 文本；请以 UTF-8 编码保存该文件后重新导入</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="209"/>
        <source>{path}: cannot be read: {reason}</source>
        <translation>{path}：无法读取：{reason}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="282"/>
        <source>{path}: suffix {suffix} is not supported; send .json or .csv</source>
        <translation>{path}：不支持后缀 {suffix}；请发送 .json 或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="296"/>
        <source>{path}: is not valid JSON: {error} at line {line}</source>
        <translation>{path}：不是有效的 JSON：第 {line} 行，{error}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="306"/>
        <source>{path}: contains a value over a limit: {error}</source>
        <translation>{path}：包含超出限制的值：{error}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="314"/>
        <source>{path}: nests its lists or objects more deeply than Python can read, so it is not a status file; ask the factory to send it again</source>
        <translation>{path}：列表或对象的嵌套层级超出 Python 的读取上限，因此不是状态文件；请让工厂重新发送</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="325"/>
        <source>{path}: format {format} is not supported; use {known}</source>
        <translation>{path}：不支持格式 {format}；请使用 {known}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="335"/>
        <source>{path}: expected a list of updates, or an object with an &apos;updates&apos; list</source>
        <translation>{path}：应为更新列表，或含有 &apos;updates&apos; 列表的对象</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="355"/>
        <source>{path}: line {line} cannot be read as CSV: {error}</source>
        <translation>{path}：第 {line} 行无法按 CSV 读取：{error}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="369"/>
        <source>{path}: the header lacks {missing}; the first line must name the columns {columns}</source>
        <translation>{path}：表头缺少 {missing}；第一行必须列出这些列名：{columns}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="392"/>
        <source>missing {fields}</source>
        <translation>缺少 {fields}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="399"/>
        <source>status {status} cannot come from the factory; use {allowed}</source>
        <translation>状态 {status} 不能由工厂提供；请使用 {allowed}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="409"/>
        <source>qc_result {value} is unknown; use passed or failed</source>
        <translation>qc_result {value} 无法识别；请使用 passed 或 failed</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="417"/>
        <source>note has {length} characters; give at most {maximum}</source>
        <translation>备注有 {length} 个字符；最多 {maximum} 个</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="444"/>
        <source>timestamp {timestamp} is not ISO 8601, such as 2025-03-02T09:00:00+01:00</source>
        <translation>时间戳 {timestamp} 不是 ISO 8601 格式，例如 2025-03-02T09:00:00+01:00</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="456"/>
        <source>timestamp {timestamp} is out of range in the store&apos;s time zone; give a date between the years 1 and 9999</source>
        <translation>时间戳 {timestamp} 超出门店时区的范围；请给出 1 年至 9999 年之间的日期</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="478"/>
        <source>attachment {name} cannot be read: {error}</source>
        <translation>无法读取附件 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="491"/>
        <source>attachment path {name}... is {length} characters long; give a path of at most {maximum}</source>
        <translation>附件路径 {name}... 长 {length} 个字符；路径最多 {maximum} 个字符</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="502"/>
        <source>attachment {name} contains a NUL character</source>
        <translation>附件 {name} 含有 NUL 字符</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="508"/>
        <source>attachment {name} is an absolute path; give a path relative to the status file&apos;s folder</source>
        <translation>附件 {name} 是绝对路径；请给出相对于状态文件所在文件夹的路径</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="517"/>
        <source>attachment {name} leads outside the status file&apos;s folder</source>
        <translation>附件 {name} 指向状态文件所在文件夹之外</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="532"/>
        <source>attachment {name} cannot be checked: {error}</source>
        <translation>无法检查附件 {name}：{error}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="538"/>
        <source>attachment {name} leads outside the status file&apos;s folder {folder}; put the file inside that folder</source>
        <translation>附件 {name} 指向状态文件所在文件夹 {folder} 之外；请将文件放入该文件夹</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="548"/>
        <source>attachment {name} not found in {folder}</source>
        <translation>在 {folder} 中未找到附件 {name}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="629"/>
        <source>order {order}: the record&apos;s timestamp {timestamp} is before the order&apos;s last state change at {changed}; correct the timestamp in the factory file and apply it again, or dismiss the record</source>
        <translation>订单 {order}：记录的时间戳 {timestamp} 早于订单上次状态变更的时间 {changed}；请在工厂文件中更正时间戳后重新应用，或忽略该记录</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="641"/>
        <source>order {order}: the record&apos;s timestamp {timestamp} is more than a day after the current time {now}; correct the timestamp in the factory file and apply it again, or dismiss the record</source>
        <translation>订单 {order}：记录的时间戳 {timestamp} 比当前时间 {now} 晚一天以上；请在工厂文件中更正时间戳后重新应用，或忽略该记录</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="749"/>
        <source>file {name} links to {target}, outside the folder; copy the file into the folder instead</source>
        <translation>文件 {name} 链接到文件夹之外的 {target}；请将文件复制到该文件夹中</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="835"/>
        <source>dismissing quarantined record {record} requires a note that says why</source>
        <translation>忽略待审核记录 {record} 需要填写原因备注</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="852"/>
        <source>quarantined record {record} not found</source>
        <translation>未找到待审核记录 {record}</translation>
    </message>
    <message>
        <location filename="../../designer/factory_status.py" line="857"/>
        <source>quarantined record {record} was already {resolution} by {actor}</source>
        <translation>待审核记录 {record} 已由 {actor} {resolution}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="95"/>
        <source>the note has {length} characters, more than the {limit} an order keeps; shorten it</source>
        <translation>备注有 {length} 个字符，超过订单可保存的 {limit} 个；请缩短</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="100"/>
        <source>the delivery address has {length} characters, more than the {limit} an order keeps; shorten it</source>
        <translation>收货地址有 {length} 个字符，超过订单可保存的 {limit} 个；请缩短</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="156"/>
        <source>order {order} cannot move from {current} to {requested}: {reason}. Allowed next states from {current}: {allowed}.</source>
        <translation>订单 {order} 无法从“{current}”转到“{requested}”：{reason}。“{current}”之后可转到：{allowed}。</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="162"/>
        <source>order {order} cannot move from {current} to {requested}: {reason}. Allowed next states from {current}: none, it is a final state.</source>
        <translation>订单 {order} 无法从“{current}”转到“{requested}”：{reason}。“{current}”是最终状态，无法再转到其他状态。</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="212"/>
        <source>order state {state!r} is unknown; use one of {known}</source>
        <translation>未知的订单状态 {state!r}；请使用以下之一：{known}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="228"/>
        <source>order {order!r} not found; check the id on the quote or in the production monitor</source>
        <translation>未找到订单 {order!r}；请核对报价单或生产监控中的订单号</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="234"/>
        <source>order {order!r} not found (ids look like A-000123); check the id on the quote or in the production monitor</source>
        <translation>未找到订单 {order!r}（订单号形如 A-000123）；请核对报价单或生产监控中的订单号</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="271"/>
        <source>customer {customer!r} not found; register the customer first or choose an existing id such as &apos;demo&apos;</source>
        <translation>未找到客户 {customer!r}；请先登记该客户，或选择已有的客户编号，例如 &apos;demo&apos;</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="352"/>
        <source>order {order} has no revision {number}; its revisions run from 1 to {last}</source>
        <translation>订单 {order} 没有第 {number} 版；其版本号为 1 到 {last}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="373"/>
        <source>the stored design of order {order}, revision {number}, cannot be read, so the database is damaged; restore it from its latest backup, or ask an administrator to check it</source>
        <translation>订单 {order} 第 {number} 版存储的设计无法读取，说明数据库已损坏；请用最近的备份恢复数据库，或请管理员检查</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="460"/>
        <source>order {order} is {state}, so its design is frozen: a design can change only while the order is {revisable}. Cancel or refund this order and place a new one instead.</source>
        <translation>订单 {order} 的状态为“{state}”，设计已锁定：只有订单处于{revisable}状态时才能修改设计。请取消或退款此订单，然后重新下单。</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="469"/>
        <source>{first} or {second}</source>
        <translation>“{first}”或“{second}”</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="492"/>
        <source>order {order} is {state}; only a quoted order can be quoted again</source>
        <translation>订单 {order} 的状态为“{state}”；只有已报价的订单才能重新报价</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="537"/>
        <source>the design is priced in {priced} but the store sells in {store}; price it again with the store&apos;s settings</source>
        <translation>该设计以 {priced} 计价，但本店使用 {store} 销售；请按本店设置重新计价</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="588"/>
        <source>the order is already {state}</source>
        <translation>订单已经是“{state}”状态</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="593"/>
        <source>that step is not part of the order flow</source>
        <translation>订单流程中没有这一步</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="619"/>
        <source>a QC result ({result}) applies only when an order leaves {state}; leave it out</source>
        <translation>质检结果（{result}）只在订单离开“{state}”状态时适用；请不要填写</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="638"/>
        <source>moving to {state} needs the QC result &apos;{needed}&apos;, not {result!r}</source>
        <translation>转到“{state}”需要质检结果“{needed}”，而不是 {result!r}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="648"/>
        <source>moving to {state} needs the QC result &apos;{needed}&apos;, and none was given; add the QC result</source>
        <translation>转到“{state}”需要质检结果“{needed}”，但未提供质检结果；请补充质检结果</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="672"/>
        <source>the quote expired on {date}; issue a new quote (Re-quote) and confirm that one</source>
        <translation>报价已于 {date} 过期；请重新报价，然后确认新的报价</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="681"/>
        <source>payments cover {paid} of {total} {currency}; record the outstanding {outstanding} first</source>
        <translation>已付款 {paid}，总额 {total} {currency}；请先记录未付的 {outstanding}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="693"/>
        <source>the store holds {paid} {currency} paid for it; refund the payments and move the order to {refunded} instead</source>
        <translation>本店已收取该订单 {paid} {currency}；请退还款项，并将订单转为“{refunded}”</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="704"/>
        <source>no refund is recorded; record the refund payment first</source>
        <translation>尚未记录退款；请先记录退款</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="779"/>
        <source>every change records who made it: give a non-empty actor</source>
        <translation>每项变更都要记录操作人：请填写操作人</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="865"/>
        <source>payment kind</source>
        <translation>付款类型</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="868"/>
        <source>payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="876"/>
        <source>a refund of {amount} {currency} exceeds the {held} {currency} held for order {order}; refund at most that</source>
        <translation>退款 {amount} {currency} 超过了订单 {order} 已收取的 {held} {currency}；退款不能超过该金额</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="889"/>
        <source>order {order} is {state}; deposits and balances are recorded while an order is {confirmed}, so confirm it first</source>
        <translation>订单 {order} 的状态为“{state}”；定金和尾款只能在订单“{confirmed}”时记录，请先确认订单</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="900"/>
        <source>a {kind} of {amount} {currency} exceeds the outstanding {outstanding} {currency} of order {order}; record at most the outstanding amount</source>
        <translation>{kind} {amount} {currency} 超过了订单 {order} 未付的 {outstanding} {currency}；最多只能记录未付金额</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="914"/>
        <source>a balance settles order {order}, so it must equal the outstanding {outstanding} {currency}, not {amount}; record a part payment as a deposit</source>
        <translation>尾款用于结清订单 {order}，必须等于未付的 {outstanding} {currency}，而不是 {amount}；部分付款请记为定金</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="955"/>
        <source>enter an amount, such as {example}</source>
        <translation>请输入金额，例如 {example}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="960"/>
        <source>amount {amount!r} has a comma; write it without thousands separators and with a point before the decimals, as {example}</source>
        <translation>金额 {amount!r} 含有逗号；请不要使用千位分隔符，小数前用小数点，例如 {example}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="970"/>
        <source>amount {amount!r} is not a number; write it as {example}</source>
        <translation>金额 {amount!r} 不是数字；请写成 {example} 这样的格式</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="978"/>
        <source>amount {amount} must be above zero; write it as {example}</source>
        <translation>金额 {amount} 必须大于零；请写成 {example} 这样的格式</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="986"/>
        <source>amount {amount} is too large; an order stores amounts below {limit} {currency}</source>
        <translation>金额 {amount} 过大；订单只能保存低于 {limit} {currency} 的金额</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="997"/>
        <source>amount {amount} has more decimals than {currency} allows ({places}); round it to a multiple of {step} {currency}</source>
        <translation>金额 {amount} 的小数位多于 {currency} 允许的位数（{places} 位）；请舍入为 {step} {currency} 的整数倍</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1016"/>
        <source>{what} {value!r} is unknown; use one of {known}</source>
        <translation>未知的{what} {value!r}；请使用以下之一：{known}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1047"/>
        <source>changing the promised date of order {order} needs a note that says why, for the customer&apos;s record</source>
        <translation>修改订单 {order} 的交货日期需要填写原因备注，以便记入客户档案</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1056"/>
        <source>order {order} is {state}; a promised date can change only while the order is {states}</source>
        <translation>订单 {order} 的状态为“{state}”；只有订单处于以下状态时才能修改交货日期：{states}</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1067"/>
        <source>order {order} is already promised for {date}; choose another date</source>
        <translation>订单 {order} 的交货日期已是 {date}；请选择其他日期</translation>
    </message>
    <message>
        <location filename="../../designer/orders.py" line="1077"/>
        <source>order {order} was created on {created}, so it cannot be promised for {date}; choose that day or later</source>
        <translation>订单 {order} 创建于 {created}，交货日期不能定在 {date}；请选择该日或之后的日期</translation>
    </message>
    <message>
        <location filename="../../designer/order_revision.py" line="265"/>
        <source>Order {order} is {state} now, so its design can no longer change. Your design stays on screen: save it with File &gt; Save design…, or place it as a new order.</source>
        <translation>订单 {order} 现在是{state}状态，其设计不能再修改。你的设计仍在屏幕上：请用“文件 &gt; 保存设计…”保存，或作为新订单下单。</translation>
    </message>
    <message>
        <location filename="../../designer/order_revision.py" line="277"/>
        <source>Order {order} changed since its design was opened: someone saved revision {current}, and you opened revision {opened}. Your design stays on screen. Save it again to store it as revision {next}; revision {current} stays in the order&apos;s history. Or save it with File &gt; Save design…, reopen the order from the production monitor, which replaces the design on screen, and repeat the changes that it lacks.</source>
        <translation>订单 {order} 在其设计打开后已被修改：有人保存了第 {current} 版，而你打开的是第 {opened} 版。你的设计仍在屏幕上。再次保存即可把它存为第 {next} 版；第 {current} 版仍保留在订单的历史中。也可以先用“文件 &gt; 保存设计…”保存它，再从生产监控重新打开订单（这会替换屏幕上的设计），并补上它缺少的修改。</translation>
    </message>
</context>
<context>
    <name>PackageExportJob</name>
    <message>
        <location filename="../../app/export_job.py" line="120"/>
        <source>{0} is an existing file; choose a folder for the package.</source>
        <translation>{0} 是一个已有文件；请为生产包选择一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="140"/>
        <source>The export process stopped (exit code {code}) while moving the package into {folder}; check that folder and export again.</source>
        <translation>导出进程在将生产包移入 {folder} 时停止（退出码 {code}）；请检查该文件夹并重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="157"/>
        <source>The export process stopped unexpectedly (exit code {code}); nothing was written. Export again.</source>
        <translation>导出进程意外停止（退出码 {code}），未写入任何文件。请重新导出。</translation>
    </message>
    <message>
        <location filename="../../app/export_job.py" line="150"/>
        <source>The export stopped before the package was moved into place; nothing was written. Export again.</source>
        <translation>导出在生产包移到目标位置之前停止，未写入任何文件。请重新导出。</translation>
    </message>
</context>
<context>
    <name>ParameterPanel</name>
    <message>
        <location filename="../../app/parameter_panel.py" line="201"/>
        <source>Not available</source>
        <translation>不可选</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="204"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="205"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="206"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="679"/>
        <source>No product can be made with this value.</source>
        <translation>没有产品可以使用此数值。</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="415"/>
        <source>{value} ({group})</source>
        <translation>{value}（{group}）</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="695"/>
        <source>it conflicts with the other choices</source>
        <translation>与其他选择冲突</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="699"/>
        <source>Not available: {reasons}</source>
        <translation>不可选：{reasons}</translation>
    </message>
</context>
<context>
    <name>PaymentKind</name>
    <message>
        <location filename="../../app/monitor.py" line="99"/>
        <source>deposit</source>
        <translation>定金</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="100"/>
        <source>balance</source>
        <translation>尾款</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="101"/>
        <source>refund</source>
        <translation>退款</translation>
    </message>
</context>
<context>
    <name>PaymentMethod</name>
    <message>
        <location filename="../../app/monitor.py" line="109"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="110"/>
        <source>card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="111"/>
        <source>bank transfer</source>
        <translation>银行转账</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="114"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>PlaceOrderDialog</name>
    <message>
        <location filename="../../app/order_dialog.py" line="163"/>
        <location filename="../../app/order_dialog.py" line="184"/>
        <source>Place order</source>
        <translation>下单</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="168"/>
        <source>unknown customer {id}</source>
        <translation>未知客户 {id}</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="170"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="171"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="173"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="174"/>
        <source>Note for the order</source>
        <translation>订单备注</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="175"/>
        <location filename="../../app/order_dialog.py" line="176"/>
        <source>Delivery address</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="178"/>
        <source>Leave empty for collection in the store</source>
        <translation>到店自取请留空</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="180"/>
        <source>Price lines</source>
        <translation>价格明细</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="181"/>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="181"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="182"/>
        <source>Confirm now (sets the promised date)</source>
        <translation>立即确认（确定交货日期）</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="183"/>
        <source>Save quote…</source>
        <translation>保存报价单…</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="185"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="221"/>
        <source>Pricing…</source>
        <translation>正在计价…</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="235"/>
        <source>Total: {amount} {currency}</source>
        <translation>合计：{amount} {currency}</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="273"/>
        <source>Order {id} is {state}.</source>
        <translation>订单 {id} 的状态：{state}。</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="278"/>
        <source>Promised for {date}.</source>
        <translation>交货日期 {date}。</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="289"/>
        <source>Save quote</source>
        <translation>保存报价单</translation>
    </message>
    <message>
        <location filename="../../app/order_dialog.py" line="308"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>Pricing</name>
    <message>
        <location filename="../../designer/pricing.py" line="298"/>
        <source>{path}, line {line}</source>
        <translation>{path}，第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../designer/pricing.py" line="310"/>
        <source>{where}: basis {basis!r} is unknown; use one of {known}</source>
        <translation>{where}：未知的计价基准 {basis!r}；请使用以下之一：{known}</translation>
    </message>
    <message>
        <location filename="../../designer/pricing.py" line="326"/>
        <source>{where}: price {price!r} or reference thickness {thickness!r} is not a number</source>
        <translation>{where}：价格 {price!r} 或参考厚度 {thickness!r} 不是数字</translation>
    </message>
    <message>
        <location filename="../../designer/pricing.py" line="337"/>
        <source>{where}: a price per m2 needs reference_thickness_mm above zero, the thickness of board that the price is for</source>
        <translation>{where}：按平方米计价需要大于零的 reference_thickness_mm，即该价格对应的板材厚度</translation>
    </message>
    <message>
        <location filename="../../designer/pricing.py" line="404"/>
        <source>material {material!r} has no price, so the order cannot be priced; add a row for it to {file}</source>
        <translation>材料 {material!r} 没有价格，因此无法为订单计价；请在 {file} 中为它添加一行</translation>
    </message>
    <message>
        <location filename="../../designer/pricing.py" line="414"/>
        <source>material {material!r} is priced in {priced} but the store sells in {store}; convert its row in {file} or change the store&apos;s currency</source>
        <translation>材料 {material!r} 以 {priced} 计价，但本店使用 {store} 销售；请换算 {file} 中的该行，或修改本店的币种</translation>
    </message>
</context>
<context>
    <name>ProcessJob</name>
    <message>
        <location filename="../../app/process_job.py" line="163"/>
        <source>The background process stopped unexpectedly (exit code {0}); nothing was kept. Try again.</source>
        <translation>后台进程意外停止（退出码 {0}），未保留任何结果。请重试。</translation>
    </message>
    <message>
        <location filename="../../app/process_job.py" line="234"/>
        <source>The background process could not start ({0}); check that {1} runs.</source>
        <translation>后台进程无法启动（{0}）；请检查 {1} 能否运行。</translation>
    </message>
</context>
<context>
    <name>ProductionMonitor</name>
    <message>
        <location filename="../../app/monitor.py" line="389"/>
        <source>Search orders</source>
        <translation>搜索订单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="390"/>
        <source>Order state</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="381"/>
        <location filename="../../app/monitor.py" line="410"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="380"/>
        <source>Production monitor</source>
        <translation>生产监控</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="382"/>
        <source>Quarantine</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="388"/>
        <source>Search order, customer or product</source>
        <translation>搜索订单、客户或产品</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="391"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="392"/>
        <source>Not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="396"/>
        <source>Overdue only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="397"/>
        <source>Import status file…</source>
        <translation>导入工厂状态…</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="398"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="401"/>
        <location filename="../../app/monitor.py" line="460"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="402"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="403"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="404"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="405"/>
        <source>Promised</source>
        <translation>交货日期</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="406"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="407"/>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="414"/>
        <source>Order history</source>
        <translation>订单记录</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="415"/>
        <source>Move to</source>
        <translation>转到</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="416"/>
        <source>Next state</source>
        <translation>下一状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="417"/>
        <source>Quality check result</source>
        <translation>质检结果</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="418"/>
        <source>no QC result</source>
        <translation>无质检结果</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="418"/>
        <source>QC passed</source>
        <translation>质检合格</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="418"/>
        <source>QC failed</source>
        <translation>质检不合格</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="421"/>
        <source>Note on the state change</source>
        <translation>状态变更备注</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="422"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="423"/>
        <source>Move</source>
        <translation>转移</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="425"/>
        <source>Payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="426"/>
        <source>Payment kind</source>
        <translation>付款类型</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="429"/>
        <source>Payment amount</source>
        <translation>付款金额</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="430"/>
        <source>Payment method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="433"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="435"/>
        <location filename="../../app/monitor.py" line="436"/>
        <source>Promised date</source>
        <translation>交货日期</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="437"/>
        <source>Reason for the new date</source>
        <translation>变更日期的原因</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="438"/>
        <source>Why it changes</source>
        <translation>变更原因</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="439"/>
        <source>Change</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="441"/>
        <source>Revise design…</source>
        <translation>修改设计…</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="444"/>
        <source>Open the design in the studio to change it; possible while the order is a draft or quoted</source>
        <translation>在工作室中打开设计进行修改；仅限草稿或已报价的订单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="448"/>
        <source>Re-quote</source>
        <translation>重新报价</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="450"/>
        <source>Price the design again at today&apos;s prices and renew the quote</source>
        <translation>按今日价格重新计价并更新报价有效期</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="452"/>
        <source>Save quote…</source>
        <translation>保存报价单…</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="453"/>
        <source>Export package…</source>
        <translation>导出生产包…</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="458"/>
        <source>Received</source>
        <translation>接收时间</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="459"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="461"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="462"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="465"/>
        <source>Quarantined records</source>
        <translation>待审核记录</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="467"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="468"/>
        <source>Reason for dismissing</source>
        <translation>忽略原因</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="469"/>
        <source>Why it is dismissed</source>
        <translation>忽略原因</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="470"/>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="515"/>
        <source> (overdue {0} d)</source>
        <translation>（逾期 {0} 天）</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="530"/>
        <source>Past its promised date</source>
        <translation>已超过交货日期</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="589"/>
        <source>{0}: {1} · outstanding {2} {3}</source>
        <translation>{0}：{1} · 未付 {2} {3}</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="598"/>
        <source>{time}  {event}  ({actor})</source>
        <translation>{time}  {event}（{actor}）</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="679"/>
        <source>New quote: {0}</source>
        <translation>新报价：{0}</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="758"/>
        <source>{0} applied, {1} ignored, {2} quarantined</source>
        <translation>已应用 {0} 条，忽略 {1} 条，待审核 {2} 条</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="762"/>
        <source>; {0} already in quarantine</source>
        <translation>；{0} 条已在待审核中</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="766"/>
        <source>; files rejected: {0}</source>
        <translation>；被拒绝的文件：{0}</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="774"/>
        <source>Import factory status</source>
        <translation>导入工厂状态</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="776"/>
        <source>Status files (*.json *.csv)</source>
        <translation>状态文件 (*.json *.csv)</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="796"/>
        <source>Applied.</source>
        <translation>已应用。</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="799"/>
        <source>Still not applicable.</source>
        <translation>仍无法应用。</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="811"/>
        <source>Dismissed.</source>
        <translation>已忽略。</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="821"/>
        <source>Save quote</source>
        <translation>保存报价单</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="840"/>
        <source>The quote of order {0} was not saved: {1}
Quote file: {2}</source>
        <translation>订单 {0} 的报价单未保存：{1}
报价单文件：{2}</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="844"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="860"/>
        <source>Export production package to</source>
        <translation>导出生产包到</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="888"/>
        <source>An export to {0} is running; wait for it or cancel it.</source>
        <translation>正在导出到 {0}；请等待完成或取消。</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="919"/>
        <source>Exported to {0}</source>
        <translation>已导出到 {0}</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="921"/>
        <source>Export cancelled; nothing was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/monitor.py" line="927"/>
        <source>Export failed: {0}</source>
        <translation>导出失败：{0}</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <location filename="../../app/profile_view.py" line="37"/>
        <source>Money spent</source>
        <translation>消费金额</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="38"/>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="39"/>
        <source>Average order</source>
        <translation>平均订单金额</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="40"/>
        <source>Days since last visit</source>
        <translation>距上次到访天数</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="41"/>
        <source>Days since first visit</source>
        <translation>距首次到访天数</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="42"/>
        <source>Visits</source>
        <translation>到访次数</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="43"/>
        <source>Product views</source>
        <translation>商品浏览</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="44"/>
        <source>Purchase lines</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="45"/>
        <source>Products rated</source>
        <translation>评分商品数</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="46"/>
        <source>Average rating</source>
        <translation>平均评分</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="47"/>
        <source>Reviews</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="48"/>
        <source>Saved designs</source>
        <translation>保存的设计</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="51"/>
        <source>View</source>
        <translation>浏览</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="52"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="53"/>
        <source>Favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="54"/>
        <source>Cart</source>
        <translation>购物车</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="55"/>
        <source>Purchase</source>
        <translation>购买</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="56"/>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="57"/>
        <source>Review</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="58"/>
        <source>Saved design</source>
        <translation>保存设计</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="61"/>
        <source>jewelry</source>
        <translation>珠宝</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="62"/>
        <source>shoes</source>
        <translation>鞋履</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="63"/>
        <source>furniture</source>
        <translation>家具</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="64"/>
        <location filename="../../app/profile_view.py" line="69"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="67"/>
        <source>female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="68"/>
        <source>male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="70"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="73"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="74"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="75"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="195"/>
        <source>Customer profile</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="196"/>
        <source>About</source>
        <translation>概况</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="197"/>
        <location filename="../../app/profile_view.py" line="198"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="199"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="202"/>
        <source>Statistic</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="203"/>
        <source>Customer</source>
        <translation>该客户</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="204"/>
        <source>Median of all customers</source>
        <translation>全部客户中位数</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="205"/>
        <source>Among all customers</source>
        <translation>在所有客户中</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="208"/>
        <source>Event history</source>
        <translation>事件记录</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="211"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="212"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="213"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="214"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="215"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="216"/>
        <source>Text</source>
        <translation>文字</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="219"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="225"/>
        <location filename="../../app/profile_view.py" line="242"/>
        <source>Loading the profile…</source>
        <translation>正在加载档案…</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="256"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="256"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="260"/>
        <source>Profiling consent: {answer}</source>
        <translation>同意画像分析：{answer}</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="262"/>
        <source>Marketing consent: {answer}</source>
        <translation>同意营销联系：{answer}</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="270"/>
        <source>This customer has not consented to profiling, so the studio keeps no profile or history for them.</source>
        <translation>该客户未同意画像分析，因此不保存其档案和记录。</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="288"/>
        <source>No tags apply</source>
        <translation>暂无标签</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="300"/>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="307"/>
        <source>none, as demo customers are left out once the store has its own</source>
        <translation>无：门店有了自己的顾客后，演示顾客不再参与分析</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="312"/>
        <source>not assigned yet</source>
        <translation>尚未分组</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="313"/>
        <source>Segment: {name}</source>
        <translation>客户分组：{name}</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="314"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="319"/>
        <source>Interests: {families}</source>
        <translation>兴趣：{families}</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="320"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="338"/>
        <source>History: latest {shown} of {total} events</source>
        <translation>记录：共 {total} 条，显示最近 {shown} 条</translation>
    </message>
    <message>
        <location filename="../../app/profile_view.py" line="369"/>
        <source>The profile could not be loaded: {reason}</source>
        <translation>无法加载档案：{reason}</translation>
    </message>
</context>
<context>
    <name>Profiles</name>
    <message>
        <location filename="../../designer/profiles.py" line="70"/>
        <source>the same as all customers</source>
        <translation>与所有客户相同</translation>
    </message>
    <message>
        <location filename="../../designer/profiles.py" line="72"/>
        <source>the highest of all customers</source>
        <translation>所有客户中最高</translation>
    </message>
    <message>
        <location filename="../../designer/profiles.py" line="74"/>
        <source>the lowest of all customers</source>
        <translation>所有客户中最低</translation>
    </message>
    <message>
        <location filename="../../designer/profiles.py" line="79"/>
        <source>above {percent}% of customers</source>
        <translation>高于 {percent}% 的客户</translation>
    </message>
</context>
<context>
    <name>RepairOverlay</name>
    <message>
        <location filename="../../app/kiosk_repair.py" line="129"/>
        <source>Not available</source>
        <translation>不可选</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_repair.py" line="132"/>
        <source>Yes, change it</source>
        <translation>是，修改</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_repair.py" line="134"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../app/kiosk_repair.py" line="136"/>
        <source>No, keep my design</source>
        <translation>否，保留我的设计</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <location filename="../../rules/engine.py" line="668"/>
        <source>a parameter of this model: {names}</source>
        <translation>此型号的参数之一：{names}</translation>
    </message>
    <message>
        <location filename="../../rules/engine.py" line="849"/>
        <source>a choice, number or true/false parameter of this model</source>
        <translation>此型号的选项、数值或是/否参数</translation>
    </message>
    <message>
        <location filename="../../rules/errors.py" line="50"/>
        <source>a number of {digits} digits</source>
        <translation>一个 {digits} 位的数字</translation>
    </message>
    <message>
        <location filename="../../rules/errors.py" line="56"/>
        <source>{excerpt}… ({length} characters)</source>
        <translation>{excerpt}…（共 {length} 个字符）</translation>
    </message>
    <message>
        <location filename="../../rules/errors.py" line="84"/>
        <source>{parameter}: {value} is not accepted; expected {accepted}</source>
        <translation>{parameter}：不接受 {value}；应为{accepted}</translation>
    </message>
    <message>
        <location filename="../../rules/model.py" line="120"/>
        <source>one of {values} ...</source>
        <translation>以下之一：{values} ……</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="75"/>
        <source>{parameter}: {value} is not accepted because {owner} {group} has no such value. Choose one from {first} to {last}.{nearest}{chart}{other}</source>
        <translation>{parameter}：不接受 {value}，因为{owner}“{group}”中没有这个值。请在 {first} 至 {last} 之间选择。{nearest}{chart}{other}</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="91"/>
        <location filename="../../rules/model.py" line="123"/>
        <source>one of {values}</source>
        <translation>以下之一：{values}</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="313"/>
        <source> Write it as {value}.</source>
        <translation>请写作 {value}。</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="329"/>
        <source> The nearest is {values}.</source>
        <translation>最接近的是 {values}。</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="331"/>
        <source> The nearest are {values}.</source>
        <translation>最接近的是 {values}。</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="356"/>
        <source> {value} looks like a size in another {owner}: {listed}.</source>
        <translation>{value} 看起来是另一种{owner}的尺码：{listed}。</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="366"/>
        <source> {value} looks like a size in {owner} {group}: the chart lists {size} for {listed}.</source>
        <translation>{value} 看起来是{owner}“{group}”的尺码：尺码对照表中与 {listed} 对应的是 {size}。</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="379"/>
        <source>{size} for {listed}</source>
        <translation>与 {listed} 对应的是 {size}</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="386"/>
        <source> {value} looks like a size in more than one other {owner}: the chart lists {sizes}.</source>
        <translation>{value} 看起来是其他多种{owner}的尺码：尺码对照表中{sizes}。</translation>
    </message>
    <message>
        <location filename="../../rules/groups.py" line="454"/>
        <source> In {owner} {group} the values run from {first} to {last}.{nearest}</source>
        <translation>{owner}“{group}”的取值范围为 {first} 至 {last}。{nearest}</translation>
    </message>
    <message>
        <location filename="../../rules/model.py" line="126"/>
        <source>true or false</source>
        <translation>是或否</translation>
    </message>
    <message>
        <location filename="../../rules/model.py" line="137"/>
        <source>a number from {minimum} to {maximum} {unit} in steps of {step}</source>
        <translation>介于 {minimum} 至 {maximum} {unit} 之间、步长为 {step} 的数值</translation>
    </message>
    <message>
        <location filename="../../rules/model.py" line="142"/>
        <source>a number from {minimum} to {maximum} in steps of {step}</source>
        <translation>介于 {minimum} 至 {maximum} 之间、步长为 {step} 的数值</translation>
    </message>
    <message>
        <location filename="../../rules/model.py" line="147"/>
        <source>text of at most {count} characters</source>
        <translation>不超过 {count} 个字符的文字</translation>
    </message>
</context>
<context>
    <name>SegmentFitJob</name>
    <message>
        <location filename="../../app/segment_job.py" line="68"/>
        <source>Segment fitting stopped (exit code {0}) while storing the segments; reopen the segments list to see which are stored.</source>
        <translation>分组进程在保存分组时停止（退出码 {0}）；请重新打开分组列表，查看已保存的分组。</translation>
    </message>
    <message>
        <location filename="../../app/segment_job.py" line="73"/>
        <source>Segment fitting stopped before storing; the stored segments are unchanged. Refit again.</source>
        <translation>分组在保存前停止，已保存的分组未改变。请重新分组。</translation>
    </message>
    <message>
        <location filename="../../app/segment_job.py" line="77"/>
        <source>Segment fitting stopped unexpectedly (exit code {0}); the stored segments are unchanged. Refit again.</source>
        <translation>分组进程意外停止（退出码 {0}），已保存的分组未改变。请重新分组。</translation>
    </message>
</context>
<context>
    <name>SegmentLabels</name>
    <message>
        <location filename="../../app/segment_labels.py" line="34"/>
        <source>lapsed</source>
        <translation>久未光顾</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="35"/>
        <source>recently active</source>
        <translation>近期活跃</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="38"/>
        <source>long-standing</source>
        <translation>老客户</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="39"/>
        <source>new</source>
        <translation>新客户</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="42"/>
        <source>frequent buyers</source>
        <translation>常购买</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="43"/>
        <source>rare buyers</source>
        <translation>少购买</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="46"/>
        <source>big spenders</source>
        <translation>高消费</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="47"/>
        <source>small spenders</source>
        <translation>低消费</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="50"/>
        <source>large orders</source>
        <translation>大额订单</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="51"/>
        <source>small orders</source>
        <translation>小额订单</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="54"/>
        <source>many visits</source>
        <translation>到访多</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="55"/>
        <source>few visits</source>
        <translation>到访少</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="58"/>
        <source>very active</source>
        <translation>非常活跃</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="59"/>
        <source>quiet</source>
        <translation>不活跃</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="62"/>
        <source>many views</source>
        <translation>浏览多</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="63"/>
        <source>few views</source>
        <translation>浏览少</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="66"/>
        <source>searchers</source>
        <translation>常搜索</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="67"/>
        <source>few searches</source>
        <translation>搜索少</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="70"/>
        <source>many favourites</source>
        <translation>收藏多</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="71"/>
        <source>few favourites</source>
        <translation>收藏少</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="74"/>
        <source>fill carts</source>
        <translation>常加购物车</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="75"/>
        <source>rarely use the cart</source>
        <translation>少用购物车</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="78"/>
        <source>change carts</source>
        <translation>常改购物车</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="79"/>
        <source>keep carts</source>
        <translation>少改购物车</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="82"/>
        <source>many purchases</source>
        <translation>购买多</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="83"/>
        <source>few purchases</source>
        <translation>购买少</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="86"/>
        <source>raters</source>
        <translation>常评分</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="87"/>
        <source>rarely rate</source>
        <translation>少评分</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="90"/>
        <source>reviewers</source>
        <translation>常写评价</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="91"/>
        <source>rarely review</source>
        <translation>少写评价</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="94"/>
        <source>designers</source>
        <translation>常保存设计</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="95"/>
        <source>rarely save designs</source>
        <translation>少保存设计</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="98"/>
        <source>rate highly</source>
        <translation>评分高</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="99"/>
        <source>rate low</source>
        <translation>评分低</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="104"/>
        <source>aged {value}</source>
        <translation>{value} 岁</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="106"/>
        <source>from {value}</source>
        <translation>来自 {value}</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="110"/>
        <source>{value} price</source>
        <translation>{value}价位</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="115"/>
        <source>aged under 25</source>
        <translation>25 岁以下</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="118"/>
        <source>aged 65 plus</source>
        <translation>65 岁及以上</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="125"/>
        <source>female</source>
        <translation>女性</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="126"/>
        <source>male</source>
        <translation>男性</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="127"/>
        <location filename="../../app/segment_labels.py" line="133"/>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="130"/>
        <source>jewelry</source>
        <translation>珠宝</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="131"/>
        <location filename="../../app/segment_labels.py" line="152"/>
        <source>shoes</source>
        <translation>鞋履</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="132"/>
        <source>furniture</source>
        <translation>家具</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="136"/>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="137"/>
        <source>mid</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="138"/>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="146"/>
        <source>rings</source>
        <translation>戒指</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="147"/>
        <source>necklaces</source>
        <translation>项链</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="148"/>
        <source>bracelets</source>
        <translation>手链</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="149"/>
        <source>earrings</source>
        <translation>耳环</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="150"/>
        <source>pendants</source>
        <translation>吊坠</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="151"/>
        <source>bangles</source>
        <translation>手镯</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="153"/>
        <source>boots</source>
        <translation>靴子</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="154"/>
        <source>sandals</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="155"/>
        <source>tables</source>
        <translation>桌子</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="156"/>
        <source>chairs</source>
        <translation>椅子</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="157"/>
        <source>desks</source>
        <translation>书桌</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="158"/>
        <source>shelves</source>
        <translation>置物架</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="159"/>
        <source>cabinets</source>
        <translation>柜子</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="160"/>
        <source>storage</source>
        <translation>收纳</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="161"/>
        <source>uncategorised products</source>
        <translation>未分类商品</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="164"/>
        <source>boards</source>
        <translation>板材</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="165"/>
        <source>gems</source>
        <translation>宝石</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="166"/>
        <source>leather</source>
        <translation>皮革</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="167"/>
        <source>metal</source>
        <translation>金属</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="168"/>
        <source>sole materials</source>
        <translation>鞋底材料</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="169"/>
        <source>textiles</source>
        <translation>织物</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="170"/>
        <source>wood</source>
        <translation>木材</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="172"/>
        <source>All customers ({reason})</source>
        <translation>全部客户（{reason}）</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="173"/>
        <source>Typical customers</source>
        <translation>普通客户</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="174"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="175"/>
        <source>{label} ({number})</source>
        <translation>{label}（{number}）</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="177"/>
        <source>too few customers to segment</source>
        <translation>客户太少，无法细分</translation>
    </message>
    <message>
        <location filename="../../app/segment_labels.py" line="178"/>
        <source>no differences to segment by</source>
        <translation>客户之间没有可细分的差异</translation>
    </message>
</context>
<context>
    <name>SegmentsView</name>
    <message>
        <location filename="../../app/segments_view.py" line="159"/>
        <source>Customer segments</source>
        <translation>客户分组</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="162"/>
        <source>Segment</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="163"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="164"/>
        <source>Accept marketing</source>
        <translation>同意营销</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="165"/>
        <source>Average spent</source>
        <translation>平均消费</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="166"/>
        <source>Average orders</source>
        <translation>平均订单</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="169"/>
        <source>Segments</source>
        <translation>客户分组</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="171"/>
        <source>Segment members</source>
        <translation>分组成员</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="172"/>
        <source>Refit segments</source>
        <translation>重新分组</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="173"/>
        <source>Refit progress</source>
        <translation>分组进度</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="174"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="175"/>
        <source>Export campaign CSV…</source>
        <translation>导出营销名单 CSV…</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="177"/>
        <source>Writes the selected segment&apos;s customers who accept marketing</source>
        <translation>导出所选分组中同意营销联系的客户</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="179"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="189"/>
        <source>Starting the segment fitting…</source>
        <translation>正在启动分组…</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="190"/>
        <source>Reading the customers&apos; features…</source>
        <translation>正在读取客户特征…</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="191"/>
        <source>Fitting segments…</source>
        <translation>正在分组…</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="192"/>
        <source>Storing the segments…</source>
        <translation>正在保存分组…</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="282"/>
        <source>Refit cancelled; the stored segments are unchanged.</source>
        <translation>已取消重新分组，已保存的分组未改变。</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="315"/>
        <source>Exported {0} customers who accept marketing to {1}</source>
        <translation>已将 {0} 位同意营销联系的客户导出到 {1}</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="337"/>
        <source>Export campaign</source>
        <translation>导出营销名单</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="377"/>
        <source>No segments yet: press Refit segments.</source>
        <translation>尚未分组：请点击“重新分组”。</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="380"/>
        <source>{0} segment(s) over {1} customers who consented to profiling, fitted {2}</source>
        <translation>基于 {1} 位同意画像分析的客户分为 {0} 组，时间 {2}</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="383"/>
        <source>, silhouette {0}</source>
        <translation>，轮廓系数 {0}</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="385"/>
        <source> ({0})</source>
        <translation>（{0}）</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="394"/>
        <source>accepts marketing</source>
        <translation>同意营销</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="395"/>
        <source>no marketing</source>
        <translation>不接受营销</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="398"/>
        <source>{id} — {name} ({marketing})</source>
        <translation>{id} — {name}（{marketing}）</translation>
    </message>
    <message>
        <location filename="../../app/segments_view.py" line="406"/>
        <source>Failed: {0}</source>
        <translation>失败：{0}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/sign_in.py" line="162"/>
        <source>Sign in to Atelier</source>
        <translation>登录 Atelier</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="163"/>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="164"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="165"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="166"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="167"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="168"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="169"/>
        <source>Sign-in message</source>
        <translation>登录提示</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="184"/>
        <source>Enter your username, then your password.</source>
        <translation>请先输入用户名，再输入密码。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="205"/>
        <source>The account “%1” is locked after %2 failed sign-ins in a row. Try again after %3, or ask an administrator to unlock it.</source>
        <translation>账户“%1”因连续 %2 次登录失败已被锁定。请在 %3 之后重试，或请管理员解锁。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="215"/>
        <source>Wrong username or password for “%1”. Check both and try again: %2 failures in a row lock the account for %3 minutes.</source>
        <translation>“%1”的用户名或密码错误。请检查后重试：连续失败 %2 次将锁定账户 %3 分钟。</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../designer/access.py" line="174"/>
        <source>Cannot add {username!r} without signing in: staff accounts exist, so an administrator must pass --staff</source>
        <translation>未登录时无法添加 {username!r}：已有员工账户，因此须由管理员通过 --staff 操作</translation>
    </message>
    <message>
        <location filename="../../designer/access.py" line="183"/>
        <source>Invalid role {role!r} for the first staff account: it must be an administrator, who can then add the others</source>
        <translation>第一个员工账户的角色 {role!r} 无效：必须是管理员，之后由管理员添加其他账户</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="115"/>
        <source>Invalid username {username!r}: use 2 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit</source>
        <translation>用户名 {username!r} 无效：请使用 2 到 64 个小写字母、数字、点、连字符或下划线，并以字母或数字开头</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="471"/>
        <source>Invalid role {role!r}: expected one of {accepted}</source>
        <translation>角色 {role!r} 无效：应为以下之一：{accepted}</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="126"/>
        <source>Username {username!r} is taken: choose another username</source>
        <translation>用户名 {username!r} 已被使用：请选择其他用户名</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="44"/>
        <source>Account {username!r} is disabled: ask an administrator to enable it again</source>
        <translation>账户 {username!r} 已停用：请联系管理员重新启用</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="255"/>
        <source>Staff session expired or unknown: sign in again</source>
        <translation>员工会话已过期或不存在：请重新登录</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="325"/>
        <source>Cannot disable {username!r}: it is your own account; ask another administrator to disable it</source>
        <translation>无法停用 {username!r}：这是您自己的账户；请让另一位管理员停用它</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="337"/>
        <source>Cannot disable {username!r}: it is the only enabled administrator, and the store needs one to manage staff accounts; make another account an administrator first</source>
        <translation>无法停用 {username!r}：它是唯一启用的管理员，门店需要管理员来管理员工账户；请先将另一个账户设为管理员</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="390"/>
        <source>Cannot change the role of {username!r}: it is the only enabled administrator, and the store needs one to manage staff accounts; make another account an administrator first</source>
        <translation>无法更改 {username!r} 的角色：它是唯一启用的管理员，门店需要管理员来管理员工账户；请先将另一个账户设为管理员</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="430"/>
        <source>Staff session of {username!r} expired at {time:%Y-%m-%d %H:%M}: sign in again</source>
        <translation>{username!r} 的员工会话已于 {time:%Y-%m-%d %H:%M} 过期：请重新登录</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="446"/>
        <source>Staff {username!r} has the role {role}, but this action needs one of: {roles}; sign in with an account of one of those roles</source>
        <translation>员工 {username!r} 的角色是“{role}”，但此操作需要以下角色之一：{roles}；请用具有这些角色之一的账户登录</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="452"/>
        <source>Staff {username!r} has the role {role}, but this action needs one of: {roles}; ask an administrator</source>
        <translation>员工 {username!r} 的角色是“{role}”，但此操作需要以下角色之一：{roles}；请联系管理员</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="504"/>
        <source>Password for {username!r} is too short: use at least {minimum} characters</source>
        <translation>{username!r} 的密码太短：请至少使用 {minimum} 个字符</translation>
    </message>
    <message>
        <location filename="../../storage/staff.py" line="518"/>
        <source>Staff account {username!r} not found: check the username</source>
        <translation>未找到员工账户 {username!r}：请核对用户名</translation>
    </message>
</context>
<context>
    <name>StaffAdminPanel</name>
    <message>
        <location filename="../../app/staff_admin.py" line="200"/>
        <location filename="../../app/staff_admin.py" line="204"/>
        <source>Staff accounts</source>
        <translation>员工账户</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="202"/>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="202"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="202"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="202"/>
        <source>Created</source>
        <translation>创建日期</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="205"/>
        <source>&amp;Unlock selected account</source>
        <translation>解锁所选账户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="206"/>
        <source>&amp;Disable account</source>
        <translation>停用账户(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="208"/>
        <source>Stop the selected account from signing in and end its sessions.</source>
        <translation>禁止所选账户登录，并结束其所有会话。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="210"/>
        <source>E&amp;nable account</source>
        <translation>启用账户(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="212"/>
        <source>Let the selected disabled account sign in again.</source>
        <translation>允许所选的已停用账户重新登录。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="214"/>
        <source>Ne&amp;w role:</source>
        <translation>新角色(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="217"/>
        <source>New role of the selected account</source>
        <translation>所选账户的新角色</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="218"/>
        <source>C&amp;hange role</source>
        <translation>更改角色(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="221"/>
        <source>Give the selected account the chosen role; its open sessions end, so it signs in again.</source>
        <translation>为所选账户设置所选角色；其已打开的会话将结束，需要重新登录。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="226"/>
        <source>Add account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="228"/>
        <source>Username:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="229"/>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="230"/>
        <location filename="../../app/staff_admin.py" line="246"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="231"/>
        <location filename="../../app/staff_admin.py" line="247"/>
        <source>Repeat password:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="237"/>
        <source>New username</source>
        <translation>新用户名</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="238"/>
        <source>Role of the new account</source>
        <translation>新账户的角色</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="239"/>
        <source>Password of the new account</source>
        <translation>新账户的密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="241"/>
        <source>Repeat the new account&apos;s password</source>
        <translation>再次输入新账户的密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="243"/>
        <source>&amp;Add account</source>
        <translation>添加账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="245"/>
        <source>New password for the selected account</source>
        <translation>为所选账户设置新密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="248"/>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="249"/>
        <source>Repeat the new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="250"/>
        <source>&amp;Reset password</source>
        <translation>重置密码(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="252"/>
        <location filename="../../app/staff_admin.py" line="255"/>
        <source>Kiosk PIN</source>
        <translation>自助终端 PIN 码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="253"/>
        <source>PIN:</source>
        <translation>PIN 码：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="254"/>
        <source>Repeat PIN:</source>
        <translation>再次输入 PIN 码：</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="256"/>
        <source>Repeat the kiosk PIN</source>
        <translation>再次输入自助终端 PIN 码</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="258"/>
        <source>At least %1 digits; staff type it to leave kiosk mode.</source>
        <translation>至少 %1 位数字；员工输入它以退出自助模式。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="262"/>
        <source>Set &amp;kiosk PIN</source>
        <translation>设置自助终端 PIN 码(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="263"/>
        <source>Staff accounts message</source>
        <translation>员工账户提示</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="317"/>
        <source>disabled on %1 by %2</source>
        <translation>已于 %1 由 %2 停用</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="322"/>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="325"/>
        <source>active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="375"/>
        <source>Added %1 with the role %2.</source>
        <translation>已添加 %1，角色为%2。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="390"/>
        <source>Unlocked %1.</source>
        <translation>已解锁 %1。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="403"/>
        <source>Disabled %1; their open sessions ended.</source>
        <translation>已停用 %1；其已打开的会话已结束。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="417"/>
        <source>Enabled %1; they can sign in again.</source>
        <translation>已启用 %1；该员工可以重新登录。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="432"/>
        <source>%1 now has the role %2; their open sessions ended.</source>
        <translation>%1 的角色现为%2；其已打开的会话已结束。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="454"/>
        <source>New password set for %1; their open sessions ended.</source>
        <translation>已为 %1 设置新密码；其已登录的会话均已结束。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="465"/>
        <source>The kiosk PIN needs at least %1 digits and nothing else; type another PIN.</source>
        <translation>自助终端 PIN 码须至少 %1 位且只含数字；请重新输入。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="471"/>
        <source>The two PINs differ: type the same PIN in both boxes.</source>
        <translation>两次输入的 PIN 码不一致：请在两个框中输入相同的 PIN 码。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="478"/>
        <source>Kiosk PIN set.</source>
        <translation>自助终端 PIN 码已设置。</translation>
    </message>
    <message>
        <location filename="../../app/staff_admin.py" line="483"/>
        <source>Select an account in the list first.</source>
        <translation>请先在列表中选择一个账户。</translation>
    </message>
</context>
<context>
    <name>StaffForms</name>
    <message>
        <location filename="../../app/sign_in.py" line="43"/>
        <source>Usernames have 2 to 64 lower-case letters, digits, dots, dashes or underscores, and start with a letter or digit. Passwords have at least %1 characters.</source>
        <translation>用户名由 2 至 64 个小写字母、数字、点、连字符或下划线组成，并以字母或数字开头。密码至少 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="60"/>
        <source>Invalid username “%1”: use 2 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.</source>
        <translation>用户名“%1”无效：请使用 2 至 64 个小写字母、数字、点、连字符或下划线，并以字母或数字开头。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="67"/>
        <source>The password has %1 characters: use at least %2.</source>
        <translation>密码只有 %1 个字符：至少需要 %2 个。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="75"/>
        <source>The two passwords differ: type the same password in both boxes.</source>
        <translation>两次输入的密码不一致：请在两个框中输入相同的密码。</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="86"/>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="87"/>
        <source>designer</source>
        <translation>设计师</translation>
    </message>
    <message>
        <location filename="../../app/sign_in.py" line="88"/>
        <source>sales</source>
        <translation>销售</translation>
    </message>
</context>
<context>
    <name>StaffGate</name>
    <message>
        <location filename="../../app/staff_gate.py" line="170"/>
        <source>S&amp;taff</source>
        <translation>员工(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="171"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="172"/>
        <source>&amp;Find or register customer…</source>
        <translation>查找或登记客户(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="173"/>
        <source>Find or register customer…</source>
        <translation>查找或登记客户…</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="174"/>
        <source>Find or register customer</source>
        <translation>查找或登记客户</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="180"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="182"/>
        <source>Signed in: %1 (%2)</source>
        <translation>已登录：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../app/staff_gate.py" line="271"/>
        <source>Your session ended at %1. Sign in again to go on; the open design is kept.</source>
        <translation>您的会话已于 %1 结束。请重新登录以继续；当前打开的设计会保留。</translation>
    </message>
</context>
<context>
    <name>Studio</name>
    <message>
        <location filename="../../app/gui.py" line="29"/>
        <source>Something went wrong: {error}

Your design is unchanged; try the last step again.</source>
        <translation>出现问题：{error}

您的设计没有改变；请重试上一步。</translation>
    </message>
    <message>
        <location filename="../../app/gui.py" line="43"/>
        <source>Catalog file skipped: {error}</source>
        <translation>已跳过目录文件：{error}</translation>
    </message>
</context>
<context>
    <name>TryWindow</name>
    <message>
        <location filename="../../app/catalog_try.py" line="101"/>
        <source>Try {name} (not published)</source>
        <translation>试用 {name}（未发布）</translation>
    </message>
    <message>
        <location filename="../../app/catalog_try.py" line="102"/>
        <source>Rule messages</source>
        <translation>规则提示</translation>
    </message>
    <message>
        <location filename="../../app/catalog_try.py" line="103"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../app/catalog_try.py" line="146"/>
        <source>No rule is broken.</source>
        <translation>没有违反任何规则。</translation>
    </message>
</context>
<context>
    <name>_NumberEditor</name>
    <message>
        <location filename="../../app/parameter_panel.py" line="549"/>
        <source>No value fits the other choices</source>
        <translation>没有符合其他选择的数值</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="551"/>
        <source>Available: {low}–{high}{unit} (with gaps)</source>
        <translation>可选：{low}–{high}{unit}（不连续）</translation>
    </message>
    <message>
        <location filename="../../app/parameter_panel.py" line="553"/>
        <source>Available: {low}–{high}{unit}</source>
        <translation>可选：{low}–{high}{unit}</translation>
    </message>
</context>
</TS>
