--[[
relgraph.lua - a pandoc Lua filter (Quarto takes it as it is) that draws
relgraph diagrams in a report. relgraph(1), PANDOC FILTER, describes it.

    ```{.relgraph caption="Who talks to whom" focus=iran}
    actors: ...
    ties: ...
    ```

    ![The talks of May 2007](data/talks.yaml){.relgraph as-of=2007-06}

Either becomes a figure: SVG for HTML (and Markdown) outputs, PDF for
LaTeX, PNG for docx, odt and the rest (`format=png|svg|pdf` chooses). Its
caption is the `caption` attribute, the image's own text, or the data
file's title; its alt text is the start of relgraph's Markdown summary
(the title, the description and the ties in words), a real text
alternative. Every other attribute is a relgraph option, passed on as it
is: `focus=iran` is `--focus iran`, `no-legend=true` is `--no-legend`
(page, focus, depth, as-of, from, to, kinds, exclude-kinds, theme,
layout, direction...), so an option this relgraph does not know is its
usage error, shown as a warning.

Rendered files are kept in a cache folder, named by a hash of relgraph's
version, the options, the output format and the data: a rebuild of an
unchanged report runs no layout. The folder is `_relgraph`, or the
metadata field `relgraph-cache`, or $RELGRAPH_CACHE. The program is
`relgraph` from PATH, or `relgraph-path` in the metadata, or $RELGRAPH.

A block relgraph refuses stays as it was, and each of relgraph's messages
becomes a pandoc warning that names the report's file and line (for a
block, the line in the report of the data's own line), so that
`--fail-if-warnings` fails the build.
]]

local FILTER_ATTRS = {caption = true, alt = true, width = true, height = true,
                      format = true}
local ALT_MAX = 600 -- characters of summary in the alt text

local config = {cache = "_relgraph", program = "relgraph"}
local state = {version = nil, warned = 0, searched = {block = {}, image = {}}}

-- ---- warnings ------------------------------------------------------------

-- A pandoc warning: pandoc.log.warn where there is one (pandoc 3.2 and
-- later, Quarto), else the line pandoc itself would print; `finish` then
-- makes pandoc count them.
local function warn(msg)
  state.warned = state.warned + 1
  if pandoc.log and pandoc.log.warn then
    pandoc.log.warn("relgraph: " .. msg)
  else
    io.stderr:write("[WARNING] relgraph: " .. msg .. "\n")
  end
end

-- Before pandoc.log, a filter's own lines on stderr were not pandoc's
-- warnings, and --fail-if-warnings did not see them. A reader's warning
-- is counted: a link reference given twice (with two targets: the same
-- one twice is no warning) is one, whose label says why.
local function finish(doc)
  if state.warned > 0 and not (pandoc.log and pandoc.log.warn) then
    local label = string.format("relgraph: %d problem%s above", state.warned,
                                state.warned == 1 and "" or "s")
    pandoc.read(string.format("[%s]: #1\n[%s]: #2\n", label, label), "markdown")
  end
  return doc
end

-- ---- where a block is in the report ---------------------------------------

local inputs = nil -- {name, lines} of each input file

local function input_files()
  if inputs then return inputs end
  inputs = {}
  for _, name in ipairs(PANDOC_STATE.input_files or {}) do
    local f = name ~= "-" and io.open(name, "r")
    if f then
      local lines = {}
      for l in f:read("a"):gmatch("([^\n]*)\n?") do lines[#lines + 1] = l end
      f:close()
      inputs[#inputs + 1] = {name = name, lines = lines}
    end
  end
  return inputs
end

local function split_lines(text)
  local out = {}
  for l in (text .. "\n"):gmatch("([^\n]*)\n") do out[#out + 1] = l end
  return out
end

-- The file and 1-based line of the first line after the last one found
-- of its KIND (blocks and images are met in two passes, each in order)
-- for which MATCH(lines, i) holds; nil when none does.
local function locate(kind, match)
  local searched = state.searched[kind]
  for k, f in ipairs(input_files()) do
    for i = searched[k] or 1, #f.lines do
      if match(f.lines, i) then
        searched[k] = i + 1
        return f.name, i
      end
    end
  end
  return nil, nil
end

-- A fenced relgraph block whose lines are TEXT's.
local function locate_block(text)
  local want = split_lines(text)
  return locate("block", function(lines, i)
    local l = lines[i]
    if not (l:match("^%s*```") or l:match("^%s*~~~")) or not l:match("relgraph") then
      return false
    end
    for k = 1, #want do
      if (lines[i + k] or ""):gsub("^%s+", "") ~= want[k]:gsub("^%s+", "") then
        return false
      end
    end
    return true
  end)
end

local function locate_image(src)
  return locate("image", function(lines, i)
    return lines[i]:find("(" .. src, 1, true) ~= nil
  end)
end

-- ---- running relgraph -------------------------------------------------------

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function read_file(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

-- Run ARGS; its exit status and what it wrote on stdout and stderr.
local function run(args)
  local cmd = {}
  for i, a in ipairs(args) do cmd[i] = shell_quote(a) end
  local p = io.popen(table.concat(cmd, " ") .. " 2>&1", "r")
  local out = p:read("a")
  local ok, _, code = p:close()
  return ok and 0 or (code or 1), out
end

local function relgraph_version()
  if state.version == nil then
    local status, out = run({config.program, "--version"})
    state.version = status == 0 and out or false
    if not state.version then
      warn("cannot run '" .. config.program .. "' (" .. out:gsub("\n+$", "") ..
           "); set relgraph-path or RELGRAPH")
    end
  end
  return state.version
end

local function ensure_cache()
  if not state.cache_made then
    os.execute("mkdir -p " .. shell_quote(config.cache))
    state.cache_made = true
  end
end

-- The output format for this document, or the block's own.
local function format_for(attrs)
  local f = attrs.format
  if f == "svg" or f == "png" or f == "pdf" then return f end
  if FORMAT:match("latex") or FORMAT == "beamer" or FORMAT == "context" then
    return "pdf"
  end
  if FORMAT:match("html") or FORMAT:match("epub") or FORMAT:match("markdown") or
     FORMAT:match("gfm") or FORMAT == "commonmark" or FORMAT == "revealjs" or
     FORMAT == "slidy" or FORMAT == "slideous" or FORMAT == "dzslides" or
     FORMAT == "s5" then
    return "svg"
  end
  return "png"
end

-- relgraph's options from the block's attributes, sorted by name so that
-- the same attributes make the same hash.
local function options(attributes)
  local names = {}
  for k, _ in pairs(attributes) do
    if not FILTER_ATTRS[k] then names[#names + 1] = k end
  end
  table.sort(names)
  local args = {}
  for _, k in ipairs(names) do
    args[#args + 1] = "--" .. k
    if attributes[k] ~= "true" then args[#args + 1] = attributes[k] end
  end
  return args
end

-- Draw the data (TEXT; from the file PATH when given) with ATTRS, or take
-- the drawing from the cache. Returns the image's path and the summary,
-- or nil after warning with each message: WHERE (file, line) names the
-- block, and for a block of the report BLOCK_LINE is its fence's line.
local function draw(text, path, attrs, where_file, where_line, in_report)
  local version = relgraph_version()
  if not version then return nil end
  local ext = format_for(attrs)
  local args = options(attrs)
  local key = pandoc.utils.sha1(table.concat({version, ext, table.concat(args, "\0"),
                                              text}, "\0\0"))
  ensure_cache()
  local base = config.cache .. "/" .. key
  local image, md = base .. "." .. ext, base .. ".md"
  local summary = read_file(md)
  if summary and read_file(image) then return image, summary end

  local input = path
  if not input then
    input = base .. ".yaml"
    local f = io.open(input, "wb")
    if not f then
      warn("cannot write in the cache folder '" .. config.cache .. "'")
      return nil
    end
    f:write(text)
    f:close()
  end
  local cmd = {config.program, "-q", input}
  for _, a in ipairs(args) do cmd[#cmd + 1] = a end
  for _, o in ipairs({"-o", image, "-o", md}) do cmd[#cmd + 1] = o end
  local status, out = run(cmd)
  if not path then os.remove(input) end
  if status == 0 then return image, read_file(md) end

  local here = (where_file or "the report") .. (where_line and (":" .. where_line) or "")
  for line in out:gmatch("[^\n]+") do
    local l, c, msg = nil, nil, nil
    if line:match("^Try 'relgraph %-%-help'") then goto next end
    if in_report then
      l, c, msg = line:match("^" .. input:gsub("%p", "%%%0") .. ":(%d+):(%d+): (.*)$")
    end
    if l and where_line then
      -- The data's line N is the report's line N after the fence.
      warn(string.format("%s:%d:%s: %s", where_file, where_line + tonumber(l), c, msg))
    else
      warn(here .. ": " .. line:gsub("^relgraph: ", ""))
    end
    ::next::
  end
  return nil
end

-- ---- the figure ---------------------------------------------------------------

-- The title and the start of the summary as one line of plain text.
local function alt_text(summary)
  local doc = pandoc.read(summary, "markdown")
  local parts, section = {}, nil
  for _, b in ipairs(doc.blocks) do
    if b.t == "Header" and b.level == 1 then
      local t = pandoc.utils.stringify(b)
      parts[#parts + 1] = t:match("[%.!?]$") and t or t .. "."
    elseif b.t == "Header" then
      section = pandoc.utils.stringify(b):match("^(%a+)")
    elseif b.t == "Para" and section == nil then
      parts[#parts + 1] = pandoc.utils.stringify(b)
    elseif b.t == "BulletList" and section == "Ties" then
      for _, item in ipairs(b.content) do
        local t = pandoc.utils.stringify(item)
        parts[#parts + 1] = t:match("[%.!?]$") and t or t .. "."
      end
    end
  end
  local alt = table.concat(parts, " "):gsub("%s+", " ")
  if #alt > ALT_MAX then
    -- At a space, and never inside a UTF-8 character: without a space,
    -- back off to the start of the character the limit falls in.
    local n = ALT_MAX
    while n > 0 and (alt:byte(n + 1) or 0) >= 0x80 and alt:byte(n + 1) < 0xC0 do
      n = n - 1
    end
    local cut = alt:sub(1, ALT_MAX):match("^(.*)%s") or alt:sub(1, n)
    alt = cut .. " …"
  end
  return alt
end

-- The summary's title, unless the file has none (relgraph then says
-- "Actors and ties").
local function title_of(summary)
  local t = summary:match("^# ([^\n]*)")
  if not t or t == "Actors and ties" then return nil end
  return pandoc.utils.stringify(pandoc.read(t, "markdown").blocks)
end

local function inlines(markdown)
  local blocks = pandoc.read(markdown, "markdown").blocks
  return blocks[1] and blocks[1].content or {}
end

local function figure(image, summary, caption, id, attrs)
  local alt = alt_text(summary)
  local img_attrs = {alt = alt}
  for _, k in ipairs({"width", "height"}) do img_attrs[k] = attrs[k] end
  if not caption or #caption == 0 then
    local t = title_of(summary)
    caption = t and {pandoc.Str(t)} or {}
  end
  if pandoc.Figure then
    local img = pandoc.Image({pandoc.Str(alt)}, image, "", pandoc.Attr("", {}, img_attrs))
    return pandoc.Figure({pandoc.Plain({img})}, {pandoc.Plain(caption)},
                         pandoc.Attr(id or "", {}, {}))
  end
  -- pandoc 2: an image alone in a paragraph, titled "fig:", is a figure;
  -- its HTML takes the alt attribute, but docx and odt take the caption
  -- for the image's description. There the figure is made as pandoc
  -- makes it, the caption a paragraph of the "Image Caption" style, so
  -- that the description is the alt text.
  if FORMAT:match("html") or FORMAT:match("epub") or #caption == 0 then
    return pandoc.Para({pandoc.Image(#caption > 0 and caption or {pandoc.Str(alt)},
                                     image, #caption > 0 and "fig:" or "",
                                     pandoc.Attr(id or "", {}, img_attrs))})
  end
  return {pandoc.Para({pandoc.Image({pandoc.Str(alt)}, image, "",
                                    pandoc.Attr(id or "", {}, img_attrs))}),
          pandoc.Div({pandoc.Para(caption)},
                     pandoc.Attr("", {}, {["custom-style"] = "Image Caption"}))}
end

-- ---- the filter -------------------------------------------------------------------

local function is_relgraph_image(img)
  return img.classes:includes("relgraph") and
         (img.src:match("%.yaml$") or img.src:match("%.yml$"))
end

local function attrs_of(el)
  local t = {}
  for k, v in pairs(el.attributes) do t[k] = v end
  return t
end

local function code_block(cb)
  if not cb.classes:includes("relgraph") then return nil end
  local attrs = attrs_of(cb)
  local file, line = locate_block(cb.text)
  local image, summary = draw(cb.text, nil, attrs, file, line, true)
  if not image then return nil end
  local caption = attrs.caption and inlines(attrs.caption)
  return figure(image, summary, caption, cb.identifier ~= "" and cb.identifier, attrs)
end

-- The data file an image names, found as pandoc finds images: from
-- where pandoc runs, else in its resource path (--resource-path).
local function find_data(src)
  if read_file(src) or src:match("^/") then return src end
  for _, d in ipairs(PANDOC_STATE.resource_path or {}) do
    if read_file(d .. "/" .. src) then return d .. "/" .. src end
  end
  return src
end

-- A relgraph image: drawn, its source the data file's drawing. Alone in
-- its paragraph it becomes a figure.
local function draw_image(img)
  local path = find_data(img.src)
  local text = read_file(path)
  local file, line = locate_image(img.src)
  if not text then
    warn(string.format("%s:%s: cannot read '%s'", file or "the report", line or "?",
                       img.src))
    return nil
  end
  local attrs = attrs_of(img)
  local image, summary = draw(text, path, attrs, file, line, false)
  if not image then return nil end
  return image, summary, attrs
end

-- An image that could not be drawn is left as it was, less its class, so
-- that the pass over images does not report it again.
local function failed(img)
  img.classes = img.classes:filter(function(c) return c ~= "relgraph" end)
  return img
end

local function para(p)
  if #p.content ~= 1 or p.content[1].t ~= "Image" or
     not is_relgraph_image(p.content[1]) then
    return nil
  end
  local img = p.content[1]
  local image, summary, attrs = draw_image(img)
  if not image then
    failed(img)
    return p
  end
  local caption = attrs.caption and inlines(attrs.caption) or img.caption
  return figure(image, summary, caption, img.identifier ~= "" and img.identifier,
                attrs)
end

-- A relgraph image within a line of text stays an image.
local function image(img)
  if not is_relgraph_image(img) then return nil end
  local src, summary = draw_image(img)
  if not src then return failed(img) end
  img.src = src
  img.attributes.alt = alt_text(summary)
  img.caption = {pandoc.Str(img.attributes.alt)} -- docx's description
  for k, _ in pairs(attrs_of(img)) do
    if not FILTER_ATTRS[k] then img.attributes[k] = nil end
  end
  img.classes = img.classes:filter(function(c) return c ~= "relgraph" end)
  return img
end

local function meta(m)
  local function setting(key, env)
    local v = m[key] and pandoc.utils.stringify(m[key])
    if (not v or v == "") and os.getenv(env) and os.getenv(env) ~= "" then
      v = os.getenv(env)
    end
    return v ~= "" and v or nil
  end
  config.cache = setting("relgraph-cache", "RELGRAPH_CACHE") or config.cache
  config.program = setting("relgraph-path", "RELGRAPH") or config.program
  return nil
end

return {
  {Meta = meta},
  {CodeBlock = code_block, Para = para},
  {Image = image},
  {Pandoc = finish},
}
